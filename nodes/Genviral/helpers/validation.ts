import type { IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
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

/**
 * The values an options list offers: validation reads them from the same list the editor
 * shows, so the two cannot drift apart.
 */
export function valuesOf(options: INodePropertyOptions[]): string[] {
	return options.map((option) => String(option.value));
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An ID the API expects as a UUID; anything else would only come back as a 404. */
export function requiredUuid(ctx: IExecuteFunctions, value: unknown, displayName: string, itemIndex: number): string {
	const text = checkString(ctx, value, displayName, itemIndex, true) as string;
	if (!UUID.test(text)) {
		fail(ctx, itemIndex, `${displayName} must be an ID like 0a0a0a0a-0000-4000-8000-00000000a001; got ${describe(text)}`);
	}
	return text.toLowerCase();
}

/** A number within a range (number fields can receive anything through expressions). */
export function numberInRange(
	ctx: IExecuteFunctions,
	value: unknown,
	displayName: string,
	itemIndex: number,
	min: number,
	max: number,
	{ integer = false } = {},
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (
		typeof number !== 'number' ||
		!Number.isFinite(number) ||
		(integer && !Number.isInteger(number)) ||
		number < min ||
		number > max
	) {
		const kind = integer ? 'a whole number' : 'a number';
		fail(ctx, itemIndex, `${displayName} must be ${kind} from ${min} to ${max}; got ${describe(value)}`);
	}
	return number;
}

/** A whole number within a range. */
export const integerInRange = (...args: Parameters<typeof numberInRange>): number =>
	numberInRange(args[0], args[1], args[2], args[3], args[4], args[5], { integer: true });

/** A calendar date as the analytics API takes it (YYYY-MM-DD); accepts ISO date-times too. */
export function isoDate(ctx: IExecuteFunctions, value: unknown, displayName: string, itemIndex: number): string {
	const text = checkString(ctx, value, displayName, itemIndex, true) as string;
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
	const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
	if (!match || !date || date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3])) {
		fail(ctx, itemIndex, `${displayName} must be a date like 2026-01-31; got ${describe(value)}`);
	}
	return `${match[1]}-${match[2]}-${match[3]}`;
}

/** A multi-options value: a list (or comma-separated text) of allowed values, deduplicated. */
export function listOf<T extends string>(
	ctx: IExecuteFunctions,
	value: unknown,
	displayName: string,
	itemIndex: number,
	allowed: readonly T[] | ((item: string) => boolean),
): T[] {
	const raw = typeof value === 'string' ? value.split(',') : value;
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw)) fail(ctx, itemIndex, `${displayName} must be a list; got ${describe(value)}`);
	const accept = typeof allowed === 'function' ? allowed : (item: string) => (allowed as readonly string[]).includes(item);
	const result: T[] = [];
	for (const entry of raw) {
		const item = typeof entry === 'string' ? entry.trim() : entry;
		if (item === '') continue;
		if (typeof item !== 'string' || !accept(item)) {
			fail(ctx, itemIndex, `${displayName} contains ${describe(entry)}, which is not allowed`);
		}
		if (!result.includes(item as T)) result.push(item as T);
	}
	return result;
}

export function isUuid(value: string): boolean {
	return UUID.test(value);
}

/** A boolean field (expressions may hand over the strings "true" / "false"). */
export function booleanValue(ctx: IExecuteFunctions, value: unknown, displayName: string, itemIndex: number): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	fail(ctx, itemIndex, `${displayName} must be true or false; got ${describe(value)}`);
}

const HANDLE = /^@?[A-Za-z0-9._-]{1,100}$/;

/**
 * A social handle as TikTok, Instagram and YouTube allow them: letters, digits, '.', '_' and
 * '-', with or without a leading @. Spaces, emoji or other scripts would only come back as a
 * target that never fills with data.
 */
export function handle(ctx: IExecuteFunctions, name: string, displayName: string, itemIndex: number): string {
	const value = requiredString(ctx, name, displayName, itemIndex);
	if (!HANDLE.test(value)) {
		fail(
			ctx,
			itemIndex,
			`${displayName} must be a handle such as @brand (letters, digits, '.', '_' or '-', at most 100); got ${describe(value)}`,
		);
	}
	return value;
}

export { fail as failValidation };
