import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One operation of one resource: its parameters and the code that reads them. */
export interface GenviralOperation {
	description: INodeProperties[];
	/** Runs for one input item; returns the object(s) that become output items. */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export type GenviralResourceOperations = Record<string, GenviralOperation>;
