import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Checks on parameter values before any request is sent. Values can arrive through
 * expressions, so the UI's own constraints (options lists, required) prove nothing.
 * Every failure names the field (by its display name) and the item.
 */

function fail(ctx: IExecuteFunctions, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}

const MAX_STRING_LENGTH = 500;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A required text field: a string, not blank, of sane length, without control characters. */
export function requiredString(
	ctx: IExecuteFunctions,
	name: string,
	displayName: string,
	itemIndex: number,
): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	return checkString(ctx, value, displayName, itemIndex, true) as string;
}

/** An optional text field: undefined when absent or blank, otherwise checked as above. */
export function optionalString(
	ctx: IExecuteFunctions,
	value: unknown,
	displayName: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return checkString(ctx, value, displayName, itemIndex, false);
}

function checkString(
	ctx: IExecuteFunctions,
	value: unknown,
	displayName: string,
	itemIndex: number,
	required: boolean,
): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') {
		fail(ctx, itemIndex, `${displayName} must be text, got ${describe(value)}`);
	}
	const trimmed = value.trim();
	if (trimmed === '') {
		if (required) fail(ctx, itemIndex, `${displayName} is required and cannot be empty`);
		return undefined;
	}
	if (trimmed.length > MAX_STRING_LENGTH) {
		fail(ctx, itemIndex, `${displayName} is too long (${trimmed.length} characters, at most ${MAX_STRING_LENGTH})`);
	}
	if (CONTROL_CHARACTERS.test(trimmed)) {
		fail(ctx, itemIndex, `${displayName} contains control characters (such as line breaks or tabs)`);
	}
	return trimmed;
}

/** An options field: one of the allowed values (expressions can produce anything). */
export function oneOf<T extends string>(
	ctx: IExecuteFunctions,
	name: string,
	displayName: string,
	itemIndex: number,
	allowed: readonly T[],
): T {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const normalized = typeof value === 'string' ? value.trim().toLowerCase() : value;
	if (typeof normalized !== 'string' || !(allowed as readonly string[]).includes(normalized)) {
		fail(
			ctx,
			itemIndex,
			`${displayName} must be one of ${allowed.join(', ')}; got ${describe(value)}`,
		);
	}
	return normalized as T;
}

function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `${typeof value} ${String(value)}`;
}
