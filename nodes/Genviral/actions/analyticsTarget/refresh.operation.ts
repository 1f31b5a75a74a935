import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pollUntil } from '../../helpers/polling';
import { readTargetId, targetLocator } from '../../helpers/targetLocator';
import { booleanValue, integerInRange, numberInRange } from '../../helpers/validation';
import { expectObject, genviralApiRequest } from '../../transport';

const TERMINAL = ['completed', 'failed'];

const properties: INodeProperties[] = [
	targetLocator,
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to check the refresh until it has completed or failed, and return its final state. Off: return at once with the queued refresh.',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.05, numberPrecision: 2 },
		default: 10,
		displayOptions: { show: { waitForCompletion: [true] } },
		description: 'How long to wait between two status checks',
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: 300,
		displayOptions: { show: { waitForCompletion: [true] } },
		description: 'Give up with an error after this long; the refresh itself goes on in Genviral',
	},
];

export const description = properties;

/**
 * POST /analytics/targets/{id}/refresh, then optionally GET /analytics/refreshes/{id} until a
 * terminal status. A refresh can spend credits, so it is never re-sent: only the status is
 * re-read.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const targetId = readTargetId(this, itemIndex);
	const wait = booleanValue(this, this.getNodeParameter('waitForCompletion', itemIndex, false), 'Wait for Completion', itemIndex);
	let intervalMs = 0;
	let maxWaitMs = 0;
	if (wait) {
		intervalMs =
			numberInRange(this, this.getNodeParameter('pollInterval', itemIndex, 10), 'Poll Interval (Seconds)', itemIndex, 0.05, 3600) * 1000;
		maxWaitMs = integerInRange(this, this.getNodeParameter('maxWait', itemIndex, 300), 'Max Wait (Seconds)', itemIndex, 1, 3600) * 1000;
	}

	const path = `/analytics/targets/${targetId}/refresh`;
	const data = expectObject(this, await genviralApiRequest.call(this, { method: 'POST', path, itemIndex, retry: 'never' }), `POST ${path}`, itemIndex);
	const queued = expectObject(this, data.refresh, `POST ${path}`, itemIndex, 'refresh');
	const wasFree = data.wasFree;
	if (!wait || TERMINAL.includes(String(queued.status))) {
		return finish(this, { ...queued, wasFree }, targetId, itemIndex);
	}

	const refreshPath = `/analytics/refreshes/${String(queued.id)}`;
	const result = await pollUntil({
		read: async () =>
			expectObject(this, await genviralApiRequest.call(this, { method: 'GET', path: refreshPath, itemIndex }), `GET ${refreshPath}`, itemIndex),
		isDone: (state) => TERMINAL.includes(String(state.status)),
		intervalMs,
		maxWaitMs,
	});
	if (!result.done) {
		throw new NodeOperationError(
			this.getNode(),
			`Refresh ${String(queued.id)} of target ${targetId} did not finish within ${maxWaitMs / 1000} s (last status: ${String(result.state.status)}) [item ${itemIndex}]`,
			{
				itemIndex,
				description: `The refresh goes on in Genviral. Read it later with Analytics Refresh → Get (ID ${String(queued.id)}), or raise Max Wait.`,
			},
		);
	}
	return finish(this, { ...result.state, wasFree }, targetId, itemIndex);
}

/** A refresh that ended in `failed` is an error of the item; anything else is its result. */
function finish(ctx: IExecuteFunctions, refresh: IDataObject, targetId: string, itemIndex: number): IDataObject {
	if (refresh.status === 'failed') {
		const reason = typeof refresh.error === 'string' && refresh.error !== '' ? refresh.error : 'no reason given';
		throw new NodeOperationError(
			ctx.getNode(),
			`Refresh ${String(refresh.id)} of target ${targetId} failed: ${reason} [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Genviral reported the refresh as failed (credits used: ${String(refresh.credits_used ?? 0)}). Check that the profile still exists and is public, then refresh again.`,
			},
		);
	}
	return refresh;
}
