import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One operation of one resource: its parameters and the code that reads them. */
export interface GenviralOperation {
	description: INodeProperties[];
	/** Runs for one input item; returns the object(s) that become output items. */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export type GenviralResourceOperations = Record<string, GenviralOperation>;

export interface OperationEntry {
	/** Title Case name shown in the Operation list. */
	name: string;
	/** What it does and returns: shown in the editor and read by AI agents. */
	description: string;
	/** The action label ("Create an analytics target"). */
	action: string;
	operation: GenviralOperation;
}

/**
 * A resource as data: its operations keyed by value. Builds the Operation selector (sorted
 * by name, as n8n lists them) and concatenates the operations' own parameters.
 */
export function defineResource(
	resource: string,
	defaultOperation: string,
	entries: Record<string, OperationEntry>,
): { operations: GenviralResourceOperations; description: INodeProperties[] } {
	const operations: GenviralResourceOperations = {};
	for (const [value, entry] of Object.entries(entries)) operations[value] = entry.operation;
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: Object.entries(entries)
			.map(([value, { name, description, action }]) => ({ name, value, description, action }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
	return {
		operations,
		description: [selector, ...Object.values(entries).flatMap((entry) => entry.operation.description)],
	};
}
