import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

/** An output item that carries files (downloads) next to its JSON; plain objects carry none. */
export class ItemWithBinary {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** How the node runs, worked out once per execution by the router. */
export interface OperationRun {
	/**
	 * Whether the node runs as an AI Agent tool (the `genviralTool` type n8n derives from the
	 * `usableAsTool` node): results go into a model's context, where binary data cannot go.
	 */
	toolMode: boolean;
}

/** One operation of one resource: its parameters and the code that reads them. */
export interface GenviralOperation {
	/** Its parameters; `defineResource` shows them for this resource and operation only. */
	description: INodeProperties[];
	/** Runs for one input item; returns the object(s) that become output items. */
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		run: OperationRun,
	): Promise<IDataObject | IDataObject[] | ItemWithBinary>;
}

export type GenviralResourceOperations = Record<string, GenviralOperation>;

/**
 * An endpoint as the Partner API reference (endpoints.json) names it: method and path with the
 * reference's own placeholders, e.g. `GET /posts/{id}`.
 */
export type ReferenceName = `${'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'} /${string}`;

export interface OperationEntry {
	/** Title Case name shown in the Operation list. */
	name: string;
	/** What it does and returns: shown in the editor and read by AI agents. */
	description: string;
	/** The action label ("Create an analytics target"). */
	action: string;
	/**
	 * The reference endpoint(s) this operation exists for (Import From TikTok: preview and
	 * import). Tests derive the endpoint coverage and check the docs' operations table from it.
	 */
	reference: ReferenceName | ReferenceName[];
	operation: GenviralOperation;
}

export interface GenviralResource {
	/** The Resource option's value, e.g. `analyticsTarget`. */
	value: string;
	/** Title Case name shown in the Resource list. */
	name: string;
	/** What the resource is: shown in the editor and read by AI agents. */
	description: string;
	operations: GenviralResourceOperations;
	/** Each operation's Title Case name and reference endpoint(s), keyed by operation value. */
	operationRecords: Record<string, { name: string; reference: ReferenceName[] }>;
	/** The Operation selector followed by every operation's own parameters. */
	properties: INodeProperties[];
}

/**
 * A resource as data: its name, and its operations keyed by value. Builds the Operation
 * selector (sorted by name, as n8n lists them) and concatenates the operations' own
 * parameters. Resource and operation names are written here once; the node's Resource list,
 * the router and the display options all read them from the result.
 */
export function defineResource(
	{
		value: resource,
		name: resourceName,
		description: resourceDescription,
	}: { value: string; name: string; description: string },
	defaultOperation: string,
	entries: Record<string, OperationEntry>,
): GenviralResource {
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
		value: resource,
		name: resourceName,
		description: resourceDescription,
		operations,
		operationRecords: Object.fromEntries(
			Object.entries(entries).map(([value, { name, reference }]) => [
				value,
				{ name, reference: Array.isArray(reference) ? reference : [reference] },
			]),
		),
		properties: [
			selector,
			...Object.entries(entries).flatMap(([operation, entry]) =>
				updateDisplayOptions(
					{ show: { resource: [resource], operation: [operation] } },
					entry.operation.description,
				),
			),
		],
	};
}
