import type { IDataObject } from 'n8n-workflow';

import { genviralApiError, snippetOf } from './errors';
import type { GenviralContext } from './types';

/**
 * The `data` of a success (or an object inside it) must be a JSON object; anything else is a
 * broken answer, reported as such rather than as a TypeError further down.
 */
export function expectObject(
	ctx: GenviralContext,
	value: unknown,
	endpoint: string,
	itemIndex: number | undefined,
	field = 'data',
): IDataObject {
	if (typeof value === 'object' && value !== null && !Array.isArray(value))
		return value as IDataObject;
	throw unexpectedShape(ctx, value, endpoint, itemIndex, `"${field}" object`);
}

export function expectArray(
	ctx: GenviralContext,
	value: unknown,
	endpoint: string,
	itemIndex: number | undefined,
	field = 'data',
): IDataObject[] {
	if (
		Array.isArray(value) &&
		value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
	) {
		return value as IDataObject[];
	}
	throw unexpectedShape(ctx, value, endpoint, itemIndex, `"${field}" list`);
}

/** An answer that is not what the reference documents, as an API error with a snippet. */
export function unexpectedShape(
	ctx: GenviralContext,
	value: unknown,
	endpoint: string,
	itemIndex: number | undefined,
	expected: string,
): Error {
	return genviralApiError({
		node: ctx.getNode(),
		status: 200,
		endpoint,
		itemIndex,
		snippet: snippetOf(JSON.stringify(value) ?? String(value)),
		message: `Genviral answered ${endpoint} without the expected ${expected}`,
	});
}
