import { NodeOperationError, sleep } from 'n8n-workflow';

import { MAX_TIMER_MS } from '../descriptions/requestOptions';
import type { GenviralContext } from './types';

export { MAX_TIMER_MS };

/** The execution's cancel signal (what n8n's execution timeout and the Stop button fire). */
export function cancelSignalOf(ctx: GenviralContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

/**
 * Every wait of the node (between polls, retries and batches) goes through here: it ends at
 * once when the execution is cancelled, with an error that says so (not a network error), and
 * never hands Node's timer a delay it would overflow.
 */
export async function sleepUnlessCancelled(
	ctx: GenviralContext,
	ms: number,
	waitingFor: string,
	itemIndex?: number,
): Promise<void> {
	const signal = cancelSignalOf(ctx);
	const cancelled = () =>
		new NodeOperationError(
			ctx.getNode(),
			`The execution was cancelled while waiting ${waitingFor}`,
			{ itemIndex },
		);
	if (signal?.aborted) throw cancelled();
	try {
		await sleep(Math.min(Math.max(0, ms), MAX_TIMER_MS), signal);
	} catch {
		throw cancelled();
	}
}
