import type { INode, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Checks on parameter values before any request is sent. Values can arrive through
 * expressions, so the UI's own constraints (options lists, required) prove nothing.
 * Every failure names the field (by its display name) and the item.
 */

/** What validation needs of a context: the node, to name it in errors. */
type NodeContext = { getNode(): INode };
/** Readers that fetch the parameter themselves. */
type ParameterContext = NodeContext & { getNodeParameter(name: string, itemIndex: number, fallback?: unknown): unknown };

function fail(ctx: NodeContext, itemIndex: number, message: string, description?: string): never {
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
	ctx: ParameterContext,
	name: string,
	displayName: string,
	itemIndex: number,
): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	return checkString(ctx, value, displayName, itemIndex, true) as string;
}

/** An optional text field: undefined when absent or blank, otherwise checked as above. */
export function optionalString(
	ctx: NodeContext,
	value: unknown,
	displayName: string,
	itemIndex: number,
	limits: { maxLength?: number; multiline?: boolean } = {},
): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return checkString(ctx, value, displayName, itemIndex, false, limits);
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function checkString(
	ctx: NodeContext,
	value: unknown,
	displayName: string,
	itemIndex: number,
	required: boolean,
	{ maxLength = MAX_STRING_LENGTH, multiline = false }: { maxLength?: number; multiline?: boolean } = {},
): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') {
		fail(ctx, itemIndex, `${displayName} must be text, got ${describeValue(value)}`);
	}
	const trimmed = value.trim();
	if (trimmed === '') {
		if (required) fail(ctx, itemIndex, `${displayName} is required and cannot be empty`);
		return undefined;
	}
	if (trimmed.length > maxLength) {
		fail(ctx, itemIndex, `${displayName} is too long (${trimmed.length} characters, at most ${maxLength})`);
	}
	if ((multiline ? CONTROL_CHARACTERS_BUT_LINE_BREAKS : CONTROL_CHARACTERS).test(trimmed)) {
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
	ctx: ParameterContext,
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
			`${displayName} must be one of ${allowed.join(', ')}; got ${describeValue(value)}`,
		);
	}
	return normalized as T;
}

/** A value as a message may show it: short, never whole (texts can be huge). */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `${typeof value} ${String(value)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An ID the API expects as a UUID; anything else would only come back as a 404. */
export function requiredUuid(ctx: NodeContext, value: unknown, displayName: string, itemIndex: number): string {
	const text = checkString(ctx, value, displayName, itemIndex, true) as string;
	if (!UUID.test(text)) {
		fail(ctx, itemIndex, `${displayName} must be an ID like 0a0a0a0a-0000-4000-8000-00000000a001; got ${describeValue(text)}`);
	}
	return text.toLowerCase();
}

/** A number within a range (number fields can receive anything through expressions). */
export function numberInRange(
	ctx: NodeContext,
	value: unknown,
	displayName: string,
	itemIndex: number,
	min: number,
	max: number,
	{ integer = false } = {},
): number {
	// Only plain decimals: Number() would read "0x10" as 16 and "  " as 0.
	const number =
		typeof value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.trim()) ? Number(value) : value;
	if (
		typeof number !== 'number' ||
		!Number.isFinite(number) ||
		(integer && !Number.isInteger(number)) ||
		number < min ||
		number > max
	) {
		const kind = integer ? 'a whole number' : 'a number';
		fail(ctx, itemIndex, `${displayName} must be ${kind} from ${min} to ${max}; got ${describeValue(value)}`);
	}
	return number;
}

/** A whole number within a range. */
export const integerInRange = (...args: Parameters<typeof numberInRange>): number =>
	numberInRange(args[0], args[1], args[2], args[3], args[4], args[5], { integer: true });

/** A calendar date as the analytics API takes it (YYYY-MM-DD); accepts ISO date-times too. */
export function isoDate(ctx: NodeContext, value: unknown, displayName: string, itemIndex: number): string {
	const text = checkString(ctx, value, displayName, itemIndex, true) as string;
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
	const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
	if (!match || !date || date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3])) {
		fail(ctx, itemIndex, `${displayName} must be a date like 2026-01-31; got ${describeValue(value)}`);
	}
	return `${match[1]}-${match[2]}-${match[3]}`;
}

/** A multi-options value: a list (or comma-separated text) of allowed values, deduplicated. */
export function listOf<T extends string>(
	ctx: NodeContext,
	value: unknown,
	displayName: string,
	itemIndex: number,
	allowed: readonly T[] | ((item: string) => boolean),
): T[] {
	const raw = typeof value === 'string' ? value.split(',') : value;
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw)) fail(ctx, itemIndex, `${displayName} must be a list; got ${describeValue(value)}`);
	const accept = typeof allowed === 'function' ? allowed : (item: string) => (allowed as readonly string[]).includes(item);
	const result: T[] = [];
	for (const entry of raw) {
		const item = typeof entry === 'string' ? entry.trim() : entry;
		if (item === '') continue;
		if (typeof item !== 'string' || !accept(item)) {
			fail(ctx, itemIndex, `${displayName} contains ${describeValue(entry)}, which is not allowed`);
		}
		if (!result.includes(item as T)) result.push(item as T);
	}
	return result;
}

export function isUuid(value: string): boolean {
	return UUID.test(value);
}

/** A boolean field (expressions may hand over the strings "true" / "false"). */
export function booleanValue(ctx: NodeContext, value: unknown, displayName: string, itemIndex: number): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	fail(ctx, itemIndex, `${displayName} must be true or false; got ${describeValue(value)}`);
}

const HANDLE = /^@?[A-Za-z0-9._-]{1,100}$/;

/**
 * A social handle as TikTok, Instagram and YouTube allow them: letters, digits, '.', '_' and
 * '-', with or without a leading @. Spaces, emoji or other scripts would only come back as a
 * target that never fills with data.
 */
export function handle(ctx: ParameterContext, name: string, displayName: string, itemIndex: number): string {
	const value = requiredString(ctx, name, displayName, itemIndex);
	if (!HANDLE.test(value)) {
		fail(
			ctx,
			itemIndex,
			`${displayName} must be a handle such as @brand (letters, digits, '.', '_' or '-', at most 100); got ${describeValue(value)}`,
		);
	}
	return value;
}

export { fail as failValidation };
