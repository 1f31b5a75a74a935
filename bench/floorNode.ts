/**
 * The floor for any n8n node that does what Create Target does: the least a node can do and
 * still go through n8n the way a community node must. Per item it evaluates the item's
 * parameter (`getNodeParameter`, the same `{{ $json.handle }}` expression) and sends one
 * request through n8n's request helper with the credential applied by `authenticate`
 * (`httpRequestWithAuthentication`), then outputs the envelope's data. No checks, no error
 * wording, no retries, no timeout, no cancel signal, no redaction, no status check: everything the Genviral node
 * adds on top is what A − F measures, and everything n8n adds over a bare fetch is F − C.
 *
 * Bench-only: it is never packaged or loaded by n8n.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export const FLOOR_NODE_TYPE = 'n8n-nodes-genviral-bench.floor';

export class FloorNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench Floor',
		name: 'floor',
		group: ['transform'],
		version: 1,
		description: 'One getNodeParameter and one httpRequestWithAuthentication per item',
		defaults: { name: 'Bench Floor' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'genviralApi', required: true }],
		properties: [
			{ displayName: 'Platform', name: 'platform', type: 'string', default: '' },
			{ displayName: 'Identifier', name: 'identifier', type: 'string', default: '' },
			{
				displayName: 'Identifier From Input',
				name: 'identifierFromInput',
				type: 'boolean',
				default: false,
				description:
					"Whether to take the identifier from the item's handle field directly, without n8n evaluating an expression",
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		// Read once per run, as the Genviral node does (its transport keeps it per run).
		const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('genviralApi');
		const platform = this.getNodeParameter('platform', 0) as string;
		const fromInput = this.getNodeParameter('identifierFromInput', 0) as boolean;
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const identifier = fromInput
				? (items[i].json.handle as string)
				: (this.getNodeParameter('identifier', i) as string);
			const envelope = (await this.helpers.httpRequestWithAuthentication.call(this, 'genviralApi', {
				method: 'POST',
				url: `${baseUrl}/analytics/targets`,
				body: { platform, identifier },
				json: true,
			})) as { data: IDataObject };
			out.push({ json: envelope.data, pairedItem: { item: i } });
		}
		return [out];
	}
}
