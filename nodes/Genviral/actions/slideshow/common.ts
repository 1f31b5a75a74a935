import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { uuidLocator } from '../../descriptions/locator';
import type { GenviralRequest } from '../../transport';
import { expectObject, genviralApiRequest } from '../../transport';

/** The slideshow picker: From List (searchable, paged) or By ID (a UUID). */
export const slideshowLocator: INodeProperties = uuidLocator({
	noun: 'slideshow',
	displayName: 'Slideshow',
	name: 'slideshowId',
	searchListMethod: 'searchSlideshows',
	description: 'The slideshow: pick it from the list, or give its ID (a UUID from Slideshow → Generate, Get Many or Duplicate)',
	returnedBy: 'Generate, Get Many or Duplicate',
	placeholder: '05050505-0000-4000-8000-00000000d001',
});

/**
 * The timeout of a long synchronous call (render, AI generation): the Timeout option when the
 * user set one, otherwise this operation's own, longer default.
 */
export function longCallTimeout(ctx: IExecuteFunctions, itemIndex: number, defaultMs: number): number {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return typeof options.timeout === 'number' ? options.timeout : defaultMs;
}

const NO_ANSWER = ['ECONNABORTED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE'];

/**
 * A call that spends credits or creates paid work (AI generation, slide regeneration, TikTok
 * import). Sent exactly once, whatever the retry options say. When it fails:
 * - a 402 for credits says how many credits are left (from the error, or one read of
 *   GET /subscription);
 * - no answer at all (timeout, connection lost) says that the work may have run and spent
 *   credits, so that nobody blindly runs it again.
 */
export async function paidCall(
	ctx: IExecuteFunctions,
	request: Omit<GenviralRequest, 'retry'> & { itemIndex: number },
	{ mayHaveRun, lookUp }: { mayHaveRun: string; lookUp: string },
): Promise<IDataObject> {
	const endpoint = `${request.method} ${request.path}`;
	try {
		return expectObject(ctx, await genviralApiRequest.call(ctx, { ...request, retry: 'never' }), endpoint, request.itemIndex);
	} catch (error) {
		if (!(error instanceof NodeApiError)) throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: request.itemIndex });
		const networkCode = error.context.networkError as string | undefined;
		if (networkCode !== undefined && NO_ANSWER.includes(networkCode)) {
			error.description = `${mayHaveRun} Genviral may have done the work and spent credits even though no answer arrived, so the node did not send it again. Check with ${lookUp} before running it again. ${error.description ?? ''}`.trim();
		} else if (error.httpCode === '402' && error.context.errorCode !== 'subscription_required') {
			const left = await creditsLeft(ctx, request.itemIndex);
			if (left !== undefined) error.description = `${error.description ?? ''} Credits left: ${left}.`.trim();
		}
		// Handed back unchanged (same class): message, httpCode and error_code stay the API's.
		throw new NodeApiError(ctx.getNode(), error as unknown as JsonObject, { itemIndex: request.itemIndex });
	}
}

/** The remaining credits of the key's owner, or undefined when they cannot be read. */
async function creditsLeft(ctx: IExecuteFunctions, itemIndex: number): Promise<number | undefined> {
	try {
		const data = (await genviralApiRequest.call(ctx, { method: 'GET', path: '/subscription', itemIndex })) as IDataObject;
		const remaining = ((data?.subscription as IDataObject | undefined)?.credits as IDataObject | undefined)?.remaining;
		return typeof remaining === 'number' ? remaining : undefined;
	} catch {
		// The credits are a courtesy in the message: the 402 itself is what the user must see.
		return undefined;
	}
}
