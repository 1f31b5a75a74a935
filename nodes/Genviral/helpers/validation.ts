import type { INode, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Checks on parameter values before any request is sent. Values can arrive through
 * expressions, so the UI's own constraints (options lists, required) prove nothing.
 * Every failure names the field (by its display name) and the item.
 */

/** What validation needs of a context: the node, to name it in errors. */
type NodeContext = { getNode(): INode };

function fail(ctx: NodeContext, itemIndex: number, message: string, description?: string): never {
	// A trigger's poll has no items: its settings are named without one.
	if ('__emit' in ctx) throw new NodeOperationError(ctx.getNode(), message, { description });
	throw new NodeOperationError(ctx.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}

const MAX_STRING_LENGTH = 500;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

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
	{
		maxLength = MAX_STRING_LENGTH,
		multiline = false,
	}: { maxLength?: number; multiline?: boolean } = {},
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
		fail(
			ctx,
			itemIndex,
			`${displayName} is too long (${trimmed.length} characters, at most ${maxLength})`,
		);
	}
	if ((multiline ? CONTROL_CHARACTERS_BUT_LINE_BREAKS : CONTROL_CHARACTERS).test(trimmed)) {
		fail(
			ctx,
			itemIndex,
			`${displayName} contains control characters (such as line breaks or tabs)`,
		);
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

/** A value as a message may show it: short, never whole (texts can be huge). */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string')
		return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `${typeof value} ${String(value)}`;
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
		typeof value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.trim())
			? Number(value)
			: value;
	if (
		typeof number !== 'number' ||
		!Number.isFinite(number) ||
		(integer && !Number.isInteger(number)) ||
		number < min ||
		number > max
	) {
		const kind = integer ? 'a whole number' : 'a number';
		fail(
			ctx,
			itemIndex,
			`${displayName} must be ${kind} from ${min} to ${max}; got ${describeValue(value)}`,
		);
	}
	return number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
	return UUID.test(value);
}

/** A boolean field (expressions may hand over the strings "true" / "false"). */
export function booleanValue(
	ctx: NodeContext,
	value: unknown,
	displayName: string,
	itemIndex: number,
): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	fail(ctx, itemIndex, `${displayName} must be true or false; got ${describeValue(value)}`);
}

const HANDLE = /^@?[A-Za-z0-9._-]{1,100}$/;
/** YouTube handles may be written in any script (letters and digits of any language, '.', '_', '-', '·'). */
const YOUTUBE_HANDLE = /^@?[\p{L}\p{M}\p{N}._\u00b7-]{1,100}$/u;

/**
 * A social handle as the platform allows it: letters, digits, '.', '_' and '-', with or
 * without a leading @ (YouTube: letters of any script too). Spaces or emoji would only come
 * back as a target that never fills with data.
 */
export function checkHandle(
	ctx: NodeContext,
	value: string,
	platform: string,
	displayName: string,
	itemIndex: number,
): string {
	const youtube = platform === 'youtube';
	if (!(youtube ? YOUTUBE_HANDLE : HANDLE).test(value)) {
		fail(
			ctx,
			itemIndex,
			`${displayName} must be a handle such as @brand (letters${youtube ? ' of any script' : ''}, digits, '.', '_' or '-', at most 100); got ${describeValue(value)}`,
		);
	}
	return value;
}

export { fail as failValidation };
