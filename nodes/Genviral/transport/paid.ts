/**
 * The one policy for calls that spend credits or publish, declared on the request
 * (`GenviralRequest.spends`) and applied by `genviralApiRequest`:
 *
 * - sent at most once per item of a run of the node: a retry of the item (n8n's Retry On
 *   Fail) gets back what the call returned the first time, from the item memory, instead of
 *   spending or publishing again;
 * - a credit-spending call is never re-sent by the transport unless it declares a retry policy
 *   of its own (render: drawing twice gives the same images);
 * - a refusal for credits keeps the API's message, status and error_code, and its description
 *   gains the cost (when the operation knows it) and the balance, read one way (GET
 *   /subscription);
 * - an answer lost after the request was sent (connection dropped, Timeout, a 5xx that is not
 *   Genviral's own) says the work may have run and where to look; when the call must not be
 *   re-sent, a retry of the item fails the same way at once instead of sending it again.
 */
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ANSWER_CUT_OFF } from './errors';
import { recall, remember } from './itemMemory';
import type { GenviralRequest, RetryPolicy, SpendDeclaration } from './types';

export type { SpendDeclaration } from './types';

/** Sends a request without its declaration (the transport's plain path). */
type Send = (request: GenviralRequest) => Promise<unknown>;

/** Network failures after the request was sent: the work may have run (a refused connection never arrived). */
const LOST_ANSWER_CODES = ['ECONNABORTED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', ANSWER_CUT_OFF];

type Outcome =
	| { ok: true; data: unknown }
	| { ok: false; mayHaveRun: { message: string; description: string } };

/** The default retry policy of a declared call: a credit-spending call is never re-sent blindly. */
export function spendRetryPolicy(request: GenviralRequest): RetryPolicy {
	return request.retry ?? (request.spends?.kind === 'credits' ? 'never' : 'idempotent');
}

export async function sendSpending(
	ctx: IExecuteFunctions | undefined,
	request: GenviralRequest,
	send: Send,
): Promise<unknown> {
	const spends = request.spends!;
	const policy = spendRetryPolicy(request);
	const plain: GenviralRequest = { ...request, spends: undefined, retry: policy };
	const { itemIndex } = request;
	if (ctx === undefined || itemIndex === undefined) return await send(plain);

	const what = `${request.method} ${request.path}`;
	const earlier = recall<Outcome>(ctx, itemIndex, what);
	if (earlier?.ok === true) return earlier.data;
	if (earlier?.ok === false) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${earlier.mayHaveRun.message} (an earlier try of this item; not sent again) [item ${itemIndex}]`,
			{
				itemIndex,
				description: earlier.mayHaveRun.description,
			},
		);
	}

	try {
		const data = await send(plain);
		remember(ctx, itemIndex, what, { ok: true, data } satisfies Outcome);
		return data;
	} catch (error) {
		// Both constructors hand an error of their own class back unchanged (message, httpCode, error_code).
		if (!(error instanceof NodeApiError))
			throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		if (isCreditsRefusal(error)) {
			await explainCredits(error, spends, itemIndex, send);
		} else if (spends.kind === 'credits' && policy === 'never' && mayHaveRun(error)) {
			const work = spends.mayHaveRun ?? 'the work may have been done';
			error.message = `${error.message}: ${work} and its credits spent`;
			error.description =
				`${error.description ?? ''} The request reached Genviral but its answer was lost, so Genviral may have done the work and spent credits. It is not sent again automatically (not even by Retry On Fail): check with ${spends.lookUp ?? 'Genviral'} before running this item again.`.trim();
			remember(ctx, itemIndex, what, {
				ok: false,
				mayHaveRun: { message: error.message, description: error.description },
			} satisfies Outcome);
		}
		throw new NodeApiError(ctx.getNode(), error as unknown as JsonObject, { itemIndex });
	}
}

/** Not enough credits: 402 (other than "no plan") or the error_code, whatever the status. */
function isCreditsRefusal(error: NodeApiError): boolean {
	const code = error.context.errorCode;
	return (
		code === 'insufficient_credits' ||
		(error.httpCode === '402' && code !== 'subscription_required')
	);
}

function mayHaveRun(error: NodeApiError): boolean {
	const network = error.context.networkError;
	if (typeof network === 'string') return LOST_ANSWER_CODES.includes(network);
	// A 5xx that is not a Genviral envelope (a proxy's error page) says nothing about the work;
	// Genviral's own failure envelope says it failed.
	return Number(error.httpCode) >= 500 && error.context.genviralAnswered !== true;
}

async function explainCredits(
	error: NodeApiError,
	spends: SpendDeclaration,
	itemIndex: number,
	send: Send,
): Promise<void> {
	let cost: string | undefined;
	try {
		cost = await spends.cost?.();
	} catch {
		cost = undefined;
	}
	const balance = await creditBalance(send, itemIndex);
	error.description =
		`${error.description ?? ''} ${cost !== undefined ? `${cost} ` : ''}${balance} Nothing was done and no credits were spent.`.trim();
	error.context.creditsExplained = true;
}

/** The one reading of the balance (GET /subscription): a sentence for the message, never an error. */
async function creditBalance(send: Send, itemIndex: number): Promise<string> {
	try {
		const data = (await send({ method: 'GET', path: '/subscription', itemIndex })) as
			| IDataObject
			| undefined;
		const subscription = (data?.subscription ?? {}) as IDataObject;
		const credits = (subscription.credits ?? {}) as IDataObject;
		if (typeof credits.remaining !== 'number')
			return 'The credit balance was not in the subscription answer.';
		const limit = typeof credits.limit === 'number' ? ` of ${credits.limit} this period` : '';
		const reset = typeof credits.reset_at === 'string' ? `, renewed ${credits.reset_at}` : '';
		return `Credits left: ${credits.remaining}${limit}${reset}.`;
	} catch {
		// The balance is a courtesy in the message: the refusal itself is what the user must see.
		return 'The credit balance could not be read (Subscription → Get shows it).';
	}
}
