import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isDeadlineReached } from './request';
import type { GenviralContext } from './types';
import { sleepUnlessCancelled } from './sleep';

/**
 * The one wait loop of the node, for every asynchronous flow: a refresh, a post being
 * published, a Studio video, a pack image's metadata. It only re-reads: the job itself is
 * never started again from here.
 * - waits `intervalMs` between reads, with the execution's cancel signal;
 * - never goes past Max Wait: the last wait is shortened so that the last read starts a little
 *   before it (`finalReadReserveMs`), and every read (its Timeout, its retries) gets the same
 *   deadline; a read cut by it ends the wait with the timeout error below;
 * - a status it does not know is an error that names it (not a wait until Max Wait);
 * - a job still running at Max Wait ends in an error that names the ID to look up later.
 */
export interface WaitRequest<T extends IDataObject> {
	itemIndex: number;
	/** What is waited for, for messages: "Post", "Refresh", "Video". */
	what: string;
	/** The job's ID, checked by the caller before it goes into a path. */
	id: string;
	/** One read of the job's state; `deadline` is to be passed to the request. */
	read: (deadline: number) => Promise<T>;
	/** The status of a state (e.g. `state.status`). */
	statusOf: (state: T) => unknown;
	/** Statuses that end the wait. */
	terminal: readonly string[];
	/** Statuses that mean "still going". Anything else is an unknown status. */
	pending: readonly string[];
	intervalMs: number;
	maxWaitMs: number;
	/** How to look the job up later, e.g. "Post → Get". */
	lookUp: string;
	/** Something the timeout message must add (e.g. "The credits were spent."). */
	timeoutNote?: string;
}

/** The time kept for the last read before Max Wait: a tenth of it, at most 5 s. */
export function finalReadReserveMs(maxWaitMs: number): number {
	return Math.min(5_000, maxWaitMs / 10);
}

export async function waitForStatus<T extends IDataObject>(
	ctx: GenviralContext,
	request: WaitRequest<T>,
): Promise<T> {
	const { itemIndex, what, id, read, statusOf, terminal, pending, intervalMs, maxWaitMs } = request;
	const deadline = Date.now() + maxWaitMs;
	// The last read starts this long before the deadline, so that it can be answered in time
	// (each read's own Timeout is cut to the time left: a hanging read ends at the deadline).
	const reserveMs = finalReadReserveMs(maxWaitMs);
	let lastStatus: string | undefined;
	const timedOut = () =>
		new NodeOperationError(
			ctx.getNode(),
			`${what} ${id} did not finish within ${Math.round(maxWaitMs / 1000)} s (last status: ${lastStatus === undefined ? 'not read in time' : lastStatus.slice(0, 60)}) [item ${itemIndex}]`,
			{
				itemIndex,
				description: `${request.timeoutNote ? `${request.timeoutNote} ` : ''}It goes on in Genviral: look it up later with ${request.lookUp} (ID ${id}), or raise Max Wait.`,
			},
		);
	for (;;) {
		const remaining = deadline - Date.now();
		// A full Poll Interval, unless it would leave less than the reserve: then the last read.
		const sleepMs =
			remaining - intervalMs >= reserveMs ? intervalMs : Math.max(0, remaining - reserveMs);
		await sleepUnlessCancelled(ctx, sleepMs, `for ${what.toLowerCase()} ${id}`, itemIndex);
		// A read cut by the deadline ends the wait with its own error (which names the ID).
		const state = await read(deadline).catch((error: unknown) => {
			throw isDeadlineReached(error) ? timedOut() : error;
		});
		const status = String(statusOf(state));
		if (terminal.includes(status)) return state;
		if (!pending.includes(status)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${what} ${id} has a status the node does not know: "${status.slice(0, 60)}" [item ${itemIndex}]`,
				{
					itemIndex,
					description: `Known statuses: ${[...pending, ...terminal].join(', ')}. Look it up with ${request.lookUp} (ID ${id}).`,
				},
			);
		}
		lastStatus = status;
		// No time for another read: the next one would end after Max Wait.
		if (deadline - Date.now() <= reserveMs) throw timedOut();
	}
}
