import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { targetLocator } from '../../descriptions/locators';
import { isUuid } from '../../helpers/validation';
import { expectObject, genviralApiRequest, unexpectedShape, waitForStatus } from '../../transport';
import { waitProperties } from '../../descriptions/wait';

const TERMINAL = ['completed', 'failed'];

const properties: INodeProperties[] = [
	targetLocator,
	...waitProperties({
		toggle: 'waitForCompletion',
		toggleDisplayName: 'Wait for Completion',
		toggleDescription:
			'Whether to check the refresh until it has completed or failed, and return its final state. Off: return at once with the queued refresh.',
		checks: 'the refresh status',
		pollIntervalDefault: 10,
		maxWaitDefault: 300,
		maxWaitMax: 3600,
		maxWaitDescription:
			'Give up with an error after this long; the refresh itself goes on in Genviral',
	}),
];

export const description = properties;

/** Statuses of a refresh (reference: GET /analytics/refreshes/{id}). */
const PENDING = ['pending', 'processing'];

/**
 * POST /analytics/targets/{id}/refresh, then optionally GET /analytics/refreshes/{id} until a
 * terminal status. A refresh can spend credits, so it is never re-sent: only the status is
 * re-read.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { targetId, waitForCompletion, pollInterval, maxWait } = readParameters(
		this,
		properties,
		itemIndex,
	) as {
		targetId: string;
		waitForCompletion: boolean;
		pollInterval?: number;
		maxWait?: number;
	};

	const path = `/analytics/targets/${targetId}/refresh`;
	const endpoint = `POST ${path}`;
	const data = expectObject(
		this,
		await genviralApiRequest.call(this, {
			method: 'POST',
			path,
			itemIndex,
			spends: {
				kind: 'credits',
				mayHaveRun: 'the refresh may have been queued',
				lookUp: `Analytics Target → Get (ID ${targetId}; its last refresh time)`,
			},
		}),
		endpoint,
		itemIndex,
	);
	const queued = expectObject(this, data.refresh, endpoint, itemIndex, 'refresh');
	const wasFree = data.wasFree;
	if (!waitForCompletion || TERMINAL.includes(String(queued.status))) {
		return finish(this, { ...queued, wasFree }, targetId, itemIndex);
	}
	// The ID goes into a path: an answer without a proper one must not poll ".../undefined".
	if (!isUuid(String(queued.id ?? ''))) {
		throw unexpectedShape(this, queued, endpoint, itemIndex, 'refresh "id" (a UUID)');
	}
	const refreshId = String(queued.id);
	const refreshPath = `/analytics/refreshes/${refreshId}`;
	const state = await waitForStatus(this, {
		itemIndex,
		what: 'Refresh',
		id: refreshId,
		read: async (deadline) =>
			expectObject(
				this,
				await genviralApiRequest.call(this, {
					method: 'GET',
					path: refreshPath,
					itemIndex,
					deadline,
				}),
				`GET ${refreshPath}`,
				itemIndex,
			),
		statusOf: (refresh) => refresh.status,
		terminal: TERMINAL,
		pending: PENDING,
		intervalMs: (pollInterval ?? 10) * 1000,
		maxWaitMs: (maxWait ?? 300) * 1000,
		lookUp: 'Analytics Refresh → Get',
	});
	return finish(this, { ...state, wasFree }, targetId, itemIndex);
}
/** A refresh that ended in `failed` is an error of the item; anything else is its result. */
function finish(
	ctx: IExecuteFunctions,
	refresh: IDataObject,
	targetId: string,
	itemIndex: number,
): IDataObject {
	if (refresh.status === 'failed') {
		const reason =
			typeof refresh.error === 'string' && refresh.error !== '' ? refresh.error : 'no reason given';
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
