import { sleep } from 'n8n-workflow';

export interface PollOptions<T> {
	/** Reads the current state (one GET). */
	read: () => Promise<T>;
	isDone: (state: T) => boolean;
	intervalMs: number;
	maxWaitMs: number;
}

export type PollResult<T> = { done: true; state: T } | { done: false; state: T; waitedMs: number };

/**
 * Re-reads a job's state until it is done or the wait budget is spent. Only reads: the job
 * itself is never started again from here.
 */
export async function pollUntil<T>({ read, isDone, intervalMs, maxWaitMs }: PollOptions<T>): Promise<PollResult<T>> {
	const started = Date.now();
	for (;;) {
		const remaining = Math.max(0, maxWaitMs - (Date.now() - started));
		await sleep(Math.min(intervalMs, remaining));
		const state = await read();
		if (isDone(state)) return { done: true, state };
		const waitedMs = Date.now() - started;
		if (waitedMs >= maxWaitMs) return { done: false, state, waitedMs };
	}
}
