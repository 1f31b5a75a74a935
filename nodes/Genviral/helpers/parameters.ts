import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyMode,
	INodePropertyOptions,
	IPollFunctions,
} from 'n8n-workflow';

import { parseInstant, utcDateOf } from './dates';
import {
	booleanValue,
	describeValue,
	failValidation,
	isUuid,
	numberInRange,
	optionalString,
	valuesOf,
} from './validation';

/**
 * One parameter reader for every operation. The checks come from the parameter's own
 * declaration (type, options, `typeOptions` min/max/precision, `required`, the locator's modes
 * and their regex, the display name for messages), so the editor and the run-time check cannot
 * drift apart. Values can arrive through expressions, so the UI's constraints prove nothing:
 * everything is checked here, before any request.
 *
 * A few checks n8n has no declaration for ride in `typeOptions` (an open map in n8n):
 * - `format`: `uuid` (an ID), `url` (http/https), `json` (an object or array as JSON text),
 *   `date` (a calendar date, sent as YYYY-MM-DD in UTC), and the lists, all split by the one
 *   rule of `listEntries`: `idList` (UUIDs, lower-cased, repeats dropped), `urlList` (http(s)
 *   URLs, order kept), `textList` (texts), `accountIds` (a multi-select of account UUIDs that
 *   also takes account objects `{ id }` from Account → Get Many and JSON list text);
 * - `maxLength`: the longest text accepted (default 500; multi-line `rows` fields 5,000);
 *   `minLength`: the shortest (a blank optional field is still absent);
 * - `minItems` / `maxItems`: bounds of a list; `itemNoun` names its entries in count messages
 *   ("takes at most 35 images"); `unique`: a URL list drops repeats;
 * - `entryPattern` / `entryHint`: a regex every entry of a text list must match, and what the
 *   message says an entry should be ("a context such as ai-studio");
 * - `jsonObject` (a `json` field holds an object, not a list or a number), `jsonExample` (shown
 *   in the message); `jsonKeys` (the keys the object may have), `jsonKeyNoun` (what a key is,
 *   for messages: "provider"), `jsonKeysElsewhere` (where a key that is not allowed here goes
 *   instead: `{ tiktok: 'TikTok Settings' }`), `jsonValues: 'object'` (every value an object);
 * - `allowedHosts`: the hosts a `url` may point to (the first names them in the message);
 * - `keepBlank`: a text option of a collection that was added but left blank reads as '' (a
 *   field an Update sets to empty), not as absent.
 *
 * And on a collection (Update Fields):
 * - `setOrClear`: pairs `{ set: [option names], clear: boolean option }`: a value is either set
 *   or cleared, not both;
 * - `notEmpty`: at least one option must be given ("Nothing to update"). A clear flag left
 *   false, a blank text and an empty object count as not given.
 *
 * The reader serves the node (execute functions) and the trigger (poll functions); messages
 * name the item only where there are items.
 */

type ReaderContext = IExecuteFunctions | IPollFunctions;

export type ParameterFormat =
	| 'uuid'
	| 'url'
	| 'json'
	| 'date'
	| 'idList'
	| 'urlList'
	| 'textList'
	| 'accountIds';

/** A "set X or clear X, not both" pair of a collection (see the header). */
export interface SetOrClearPair {
	set: string[];
	clear: string;
}

/** Poll functions (the trigger) read parameters without an item index: `getNodeParameter(name, fallback, options)`. */
function isPollContext(ctx: ReaderContext): ctx is IPollFunctions {
	return '__emit' in ctx;
}

/** Whether a stored parameter value holds an expression anywhere (then it may differ per item). */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (typeof value === 'object' && value !== null)
		return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * Per run of the node (its execute context): the parameters as stored in the workflow, what
 * n8n gave for those that hold no expression, and the next item's parameters when they were
 * read ahead (see `readAhead`).
 *
 * A value without an expression is the same for every item, so n8n is asked once per run, not
 * once per item (each ask deep-copies the value and checks it against the node's whole
 * description). Expressions are evaluated for every item. Either way every item runs the
 * reader's checks itself, so a refused value fails each item with its own index. Poll
 * functions are left out: the trigger reads its parameters once per poll.
 */
interface RunValues {
	stored: IDataObject;
	shared: Map<INodeProperties, unknown>;
	ahead?: { properties: INodeProperties[]; itemIndex: number; values: IDataObject; at: number };
}

const valuesByRun = new WeakMap<IExecuteFunctions, RunValues>();

/**
 * How long parameters read ahead stay good. After an item that took longer (a Wait for
 * Publish, a slow answer) the next item reads its parameters again in its own turn, so that
 * an expression such as `{{ $now }}`, and a check against the clock, is never older than this.
 */
export const READ_AHEAD_FRESH_MS = 1000;

function runValuesOf(ctx: IExecuteFunctions): RunValues {
	let run = valuesByRun.get(ctx);
	if (run === undefined) {
		run = { stored: ctx.getNode().parameters ?? {}, shared: new Map() };
		valuesByRun.set(ctx, run);
	}
	return run;
}

function rawParameter(ctx: ReaderContext, property: INodeProperties, itemIndex: number): unknown {
	const extract = property.type === 'resourceLocator';
	const fallback = extract ? undefined : property.default;
	const options = extract ? { extractValue: true } : undefined;
	if (isPollContext(ctx)) return ctx.getNodeParameter(property.name, fallback, options);
	const run = runValuesOf(ctx);
	if (holdsExpression(run.stored[property.name]))
		return ctx.getNodeParameter(property.name, itemIndex, fallback, options);
	if (!run.shared.has(property))
		run.shared.set(property, ctx.getNodeParameter(property.name, itemIndex, fallback, options));
	const value = run.shared.get(property);
	// Each item gets a copy of its own: an operation may build on what it was given.
	return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/**
 * Read and check an item's parameters before its turn, and keep them until the item asks for
 * them. The router calls it for the next item while an item's request is in flight, so that
 * evaluating the next item's expressions (the largest part of n8n's own work per item) and
 * checking them overlaps the wait for the answer instead of following it. Nothing is sent
 * here. A refused value is not kept: the item reads again in its own turn and fails there,
 * with its own index; so does an item whose values are older than READ_AHEAD_FRESH_MS.
 */
export function readAhead(
	ctx: IExecuteFunctions,
	properties: INodeProperties[],
	itemIndex: number,
): void {
	const run = runValuesOf(ctx);
	run.ahead = undefined;
	try {
		const values = readParameters(ctx, properties, itemIndex);
		run.ahead = { properties, itemIndex, values, at: Date.now() };
	} catch {
		// read again in the item's own turn
	}
}

/**
 * The item's parameters if they were read ahead for it, from the same list and fresh; taken
 * once. What was read ahead for a later item stays (the current item may read more lists).
 */
function takeReadAhead(
	ctx: ReaderContext,
	properties: INodeProperties[],
	itemIndex: number,
): IDataObject | undefined {
	if (isPollContext(ctx)) return undefined;
	const run = valuesByRun.get(ctx);
	const ahead = run?.ahead;
	if (run === undefined || ahead === undefined || ahead.itemIndex > itemIndex) return undefined;
	if (ahead.itemIndex < itemIndex) {
		run.ahead = undefined;
		return undefined;
	}
	if (ahead.properties !== properties) return undefined;
	run.ahead = undefined;
	return Date.now() - ahead.at <= READ_AHEAD_FRESH_MS ? ahead.values : undefined;
}

const DEFAULT_MAX_LENGTH = 500;
const DEFAULT_MAX_LENGTH_MULTILINE = 5000;

function formatOf(property: INodeProperties): ParameterFormat | undefined {
	return property.typeOptions?.format as ParameterFormat | undefined;
}

/** The number of decimals a number field allows; none unless `numberPrecision` says so. */
function isInteger(property: INodeProperties): boolean {
	return !(
		typeof property.typeOptions?.numberPrecision === 'number' &&
		property.typeOptions.numberPrecision > 0
	);
}

/** A strict decimal number: "16", "-2.5", "1e3"; not "0x10", "", " " or "Infinity". */
function toNumber(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : value;
}

function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** Read one top-level parameter of the node for an item, checked against its declaration. */
export function readParameter<T = unknown>(
	ctx: ReaderContext,
	property: INodeProperties,
	itemIndex: number,
): T {
	const raw = rawParameter(ctx, property, itemIndex);
	return checkValue(ctx, property, raw, itemIndex, property.displayName) as T;
}

/**
 * Whether a parameter is shown, by its own `displayOptions.show` against the values of the
 * parameters read before it (an operation's parameters come after the ones they depend on).
 * `resource` and `operation` are left to n8n.
 */
export function isShown(property: INodeProperties, values: IDataObject): boolean {
	const show = property.displayOptions?.show ?? {};
	for (const [name, allowed] of Object.entries(show)) {
		if (name === 'resource' || name === 'operation' || name.startsWith('@') || name.startsWith('/'))
			continue;
		if (!(allowed ?? []).some((value) => value === values[name])) return false;
	}
	const hide = property.displayOptions?.hide ?? {};
	for (const [name, hidden] of Object.entries(hide)) {
		if (name === 'resource' || name === 'operation' || name.startsWith('@') || name.startsWith('/'))
			continue;
		if ((hidden ?? []).some((value) => value === values[name])) return false;
	}
	return true;
}

/**
 * Read an operation's parameters at once, keyed by name: hidden ones are skipped, absent
 * optional ones left out.
 */
export function readParameters(
	ctx: ReaderContext,
	properties: INodeProperties[],
	itemIndex: number,
): IDataObject {
	const readBefore = takeReadAhead(ctx, properties, itemIndex);
	if (readBefore !== undefined) return readBefore;
	const values: IDataObject = {};
	for (const property of properties) {
		if (property.type === 'notice' || !isShown(property, values)) continue;
		const value = readParameter(ctx, property, itemIndex);
		if (value !== undefined) values[property.name] = value as IDataObject[string];
	}
	return values;
}

/** How every check of the reader fails: a NodeOperationError for this item, before any request. */
function failerFor(ctx: ReaderContext, itemIndex: number): (message: string) => never {
	return (message: string): never => failValidation(ctx as IExecuteFunctions, itemIndex, message);
}

/**
 * Check a value against a declaration. `label` names the field in messages ("Filters → Type"
 * for an option inside a collection). Returns undefined for an optional field left empty.
 */
export function checkValue(
	ctx: ReaderContext,
	property: INodeProperties,
	value: unknown,
	itemIndex: number,
	label = property.displayName,
): unknown {
	const fail = failerFor(ctx, itemIndex);
	const required = property.required === true;
	const typeOptions = property.typeOptions ?? {};
	const format = formatOf(property);

	switch (property.type) {
		case 'boolean':
			if (isBlank(value))
				return required ? fail(`${label} is required`) : (property.default as boolean | undefined);
			return booleanValue(ctx as IExecuteFunctions, value, label, itemIndex);

		case 'number': {
			// Absent is absent; a blank text (an expression that gave "") is a wrong number.
			if (value === undefined || value === null)
				return required ? fail(`${label} is required`) : undefined;
			const min =
				typeof typeOptions.minValue === 'number' ? typeOptions.minValue : Number.NEGATIVE_INFINITY;
			const max =
				typeof typeOptions.maxValue === 'number' ? typeOptions.maxValue : Number.POSITIVE_INFINITY;
			return numberInRange(ctx as IExecuteFunctions, toNumber(value), label, itemIndex, min, max, {
				integer: isInteger(property),
			});
		}

		case 'options': {
			if (typeOptions.loadOptionsMethod !== undefined)
				return checkText(ctx, property, value, itemIndex, label);
			const allowed = valuesOf((property.options ?? []) as INodePropertyOptions[]);
			if (isBlank(value) && !required) return undefined;
			const text = typeof value === 'string' ? value.trim() : value;
			const found =
				allowed.find((v) => v === text) ??
				allowed.find((v) => typeof text === 'string' && v.toLowerCase() === text.toLowerCase());
			if (found === undefined)
				return fail(`${label} must be one of ${allowed.join(', ')}; got ${describeValue(value)}`);
			return found;
		}

		case 'multiOptions': {
			if (format === 'accountIds') return checkAccountIds(ctx, property, value, itemIndex, label);
			const list = listEntries(value);
			if (list === undefined) return fail(`${label} must be a list; got ${describeValue(value)}`);
			const allowed =
				typeOptions.loadOptionsMethod !== undefined
					? undefined
					: valuesOf((property.options ?? []) as INodePropertyOptions[]);
			const result: string[] = [];
			for (const entry of list) {
				let item = typeof entry === 'number' ? String(entry) : entry;
				if (format === 'idList') {
					if (!isUuid(String(item)))
						fail(
							`${label} contains ${describeValue(entry)}, which is not an ID like 0a0a0a0a-0000-4000-8000-00000000a001`,
						);
					item = String(item).toLowerCase();
				}
				if (typeof item !== 'string' || (allowed !== undefined && !allowed.includes(item))) {
					fail(
						`${label} contains ${describeValue(entry)}, which is not allowed${allowed ? ` (allowed: ${allowed.join(', ')})` : ''}`,
					);
				}
				if (!result.includes(item as string)) result.push(item as string);
			}
			return checkCount(ctx, property, result, itemIndex, label);
		}

		case 'dateTime': {
			if (isBlank(value)) return required ? fail(`${label} is required`) : undefined;
			const timeZone = ctx.getTimezone();
			if (format === 'date') {
				const date = utcDateOf(value, timeZone);
				return (
					date ??
					fail(
						`${label} must be a date like 2026-01-31 (or a date-time); got ${describeValue(value)}`,
					)
				);
			}
			const instant = parseInstant(value, timeZone);
			return (
				instant?.iso ??
				fail(
					`${label} must be a date-time like 2026-01-31T09:00:00 (read in ${timeZone} without an offset); got ${describeValue(value)}`,
				)
			);
		}

		case 'resourceLocator':
			return checkLocator(ctx, property, value, itemIndex, label);

		case 'json': {
			if (isBlank(value)) return required ? fail(`${label} is required`) : undefined;
			const parsed = parseJson(ctx, value, itemIndex, label);
			if (
				typeOptions.jsonObject === true &&
				(typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
			) {
				const example =
					typeof typeOptions.jsonExample === 'string' ? ` such as ${typeOptions.jsonExample}` : '';
				fail(`${label} must be a JSON object${example}; got ${describeValue(parsed)}`);
			}
			checkJsonKeys(property, parsed, fail, label);
			return parsed;
		}

		case 'collection': {
			if (isBlank(value)) return undefined;
			if (typeof value !== 'object' || Array.isArray(value))
				return fail(`${label} must be an object; got ${describeValue(value)}`);
			const result: IDataObject = {};
			for (const option of (property.options ?? []) as INodeProperties[]) {
				if (!(option.name in (value as IDataObject))) continue;
				const checked = checkValue(
					ctx,
					option,
					(value as IDataObject)[option.name],
					itemIndex,
					`${label} → ${option.displayName}`,
				);
				if (checked !== undefined) result[option.name] = checked as IDataObject[string];
			}
			checkCollectionRules(ctx, property, result, itemIndex, label);
			return result;
		}

		case 'fixedCollection': {
			if (isBlank(value)) return undefined;
			if (typeof value !== 'object' || Array.isArray(value))
				return fail(`${label} must be an object; got ${describeValue(value)}`);
			const result: IDataObject = {};
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				const groupValue = (value as IDataObject)[group.name];
				if (groupValue === undefined) continue;
				const entries = Array.isArray(groupValue) ? groupValue : [groupValue];
				const checked = entries.map((entry) =>
					checkValue(
						ctx,
						{
							displayName: `${label} → ${group.displayName}`,
							name: group.name,
							type: 'collection',
							default: {},
							options: group.values,
						},
						entry,
						itemIndex,
					),
				);
				result[group.name] = (
					Array.isArray(groupValue) ? checked : checked[0]
				) as IDataObject[string];
			}
			return result;
		}

		default:
			return checkText(ctx, property, value, itemIndex, label);
	}
}

function checkText(
	ctx: ReaderContext,
	property: INodeProperties,
	value: unknown,
	itemIndex: number,
	label: string,
): unknown {
	const fail = failerFor(ctx, itemIndex);
	const format = formatOf(property);
	if (format === 'json') {
		if (isBlank(value)) return property.required ? fail(`${label} is required`) : undefined;
		return parseJson(ctx, value, itemIndex, label);
	}
	if (format === 'idList') {
		const list = listEntries(value);
		if (list === undefined)
			return fail(
				`${label} must be a list of IDs (or IDs separated by commas); got ${describeValue(value)}`,
			);
		const ids: string[] = [];
		for (const entry of list) {
			if (!isUuid(String(entry)))
				fail(
					`${label} contains ${describeValue(entry)}, which is not an ID like 0a0a0a0a-0000-4000-8000-00000000a001`,
				);
			const id = String(entry).toLowerCase();
			if (!ids.includes(id)) ids.push(id);
		}
		if (property.required && ids.length === 0) fail(`${label} is required and cannot be empty`);
		return checkCount(ctx, property, ids, itemIndex, label);
	}
	if (format === 'urlList' || format === 'textList')
		return checkTextList(ctx, property, value, itemIndex, label);
	// A list typed as text may hold one entry per line.
	const { maxLength, multiline } = textLimits(property);
	if (isBlank(value)) {
		if (property.required) return fail(`${label} is required and cannot be empty`);
		return property.typeOptions?.keepBlank === true && value !== undefined && value !== null
			? ''
			: undefined;
	}
	const text = optionalString(ctx as IExecuteFunctions, value, label, itemIndex, {
		maxLength,
		multiline,
	});
	if (text === undefined) return undefined;
	const minLength = property.typeOptions?.minLength;
	if (typeof minLength === 'number' && text.length < minLength)
		fail(`${label} must be ${minLength}-${maxLength} characters; got ${describeValue(text)}`);
	if (format === 'uuid') {
		if (!isUuid(text))
			fail(
				`${label} must be an ID like 0a0a0a0a-0000-4000-8000-00000000a001; got ${describeValue(text)}`,
			);
		return text.toLowerCase();
	}
	if (format === 'url') {
		let url: URL | undefined;
		try {
			url = new URL(text);
		} catch {
			url = undefined;
		}
		if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
			return fail(`${label} must be an http(s) URL; got ${describeValue(text)}`);
		}
		const hosts = property.typeOptions?.allowedHosts as string[] | undefined;
		if (hosts !== undefined && !hosts.includes(url.hostname.toLowerCase())) {
			fail(`${label} must be a ${hosts[0]} link; got ${url.hostname}`);
		}
	}
	return text;
}

/** A JSON object's keys against `jsonKeys` / `jsonKeysElsewhere`, and its values against `jsonValues`. */
function checkJsonKeys(
	property: INodeProperties,
	parsed: unknown,
	fail: (message: string) => never,
	label: string,
): void {
	const typeOptions = property.typeOptions ?? {};
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
	const allowed = typeOptions.jsonKeys as string[] | undefined;
	const noun = (typeOptions.jsonKeyNoun as string | undefined) ?? 'key';
	const elsewhere = (typeOptions.jsonKeysElsewhere ?? {}) as Record<string, string>;
	for (const [key, value] of Object.entries(parsed)) {
		if (allowed !== undefined && !allowed.includes(key)) {
			const hint = key in elsewhere ? `; use ${elsewhere[key]} instead` : '';
			fail(`${label} has an unknown ${noun} "${key}" (allowed: ${allowed.join(', ')})${hint}`);
		}
		if (
			typeOptions.jsonValues === 'object' &&
			(typeof value !== 'object' || value === null || Array.isArray(value))
		)
			fail(`${label} → ${key} must be an object; got ${describeValue(value)}`);
	}
}

/** The longest text a field takes, and whether it may hold line breaks (a list typed as text: one entry per line). */
function textLimits(property: INodeProperties): { maxLength: number; multiline: boolean } {
	const format = formatOf(property);
	const multiline =
		(typeof property.typeOptions?.rows === 'number' && property.typeOptions.rows > 1) ||
		format === 'textList' ||
		format === 'urlList';
	const maxLength =
		typeof property.typeOptions?.maxLength === 'number'
			? property.typeOptions.maxLength
			: multiline
				? DEFAULT_MAX_LENGTH_MULTILINE
				: DEFAULT_MAX_LENGTH;
	return { maxLength, multiline };
}

/**
 * A list typed as text (`urlList`, `textList`), or a list from an expression: entries by the
 * rule of `listEntries`, each checked (a URL as a URL field is; a text against `entryPattern`),
 * counted against `minItems` / `maxItems`. Undefined when empty and optional.
 */
function checkTextList(
	ctx: ReaderContext,
	property: INodeProperties,
	value: unknown,
	itemIndex: number,
	label: string,
): string[] | undefined {
	const fail = failerFor(ctx, itemIndex);
	const format = formatOf(property);
	const typeOptions = property.typeOptions ?? {};
	if (isBlank(value) || (Array.isArray(value) && value.length === 0)) {
		return property.required ? fail(`${label} is required and cannot be empty`) : undefined;
	}
	if (typeof value === 'string') {
		// The whole text first: its length bound, and no control characters but line breaks.
		const { maxLength } = textLimits(property);
		optionalString(ctx as IExecuteFunctions, value, label, itemIndex, {
			maxLength,
			multiline: true,
		});
	}
	const entries = listEntries(value);
	if (entries === undefined) {
		return format === 'urlList'
			? fail(
					`${label} must be a list of URLs (or URLs one per line or separated by commas); got ${describeValue(value)}`,
				)
			: fail(
					`${label} must be a list, or text with one entry per line or entries separated by commas; got ${describeValue(value)}`,
				);
	}
	const pattern =
		typeof typeOptions.entryPattern === 'string'
			? new RegExp(typeOptions.entryPattern as string)
			: undefined;
	const list: string[] = [];
	for (const entry of entries) {
		if (typeof entry !== 'string')
			return fail(`${label} contains ${describeValue(entry)}, which is not text`);
		let text: string;
		if (format === 'urlList') {
			// No URL holds a raw space: this is two URLs on one line of a list written one per line.
			if (/\s/.test(entry)) {
				fail(
					`${label} contains ${describeValue(entry)}, which is not one URL: give one URL per line, or URLs separated by commas on a single line`,
				);
			}
			text = checkValue(ctx, urlEntry(label), entry, itemIndex, label) as string;
		} else {
			text = entry;
			if (pattern !== undefined && !pattern.test(text)) {
				fail(
					`${label} contains ${describeValue(text)}, which is not ${(typeOptions.entryHint as string | undefined) ?? `like ${pattern.source}`}`,
				);
			}
		}
		if (typeOptions.unique !== true || !list.includes(text)) list.push(text);
	}
	return checkCount(ctx, property, list, itemIndex, label);
}

/**
 * Account IDs (`format: 'accountIds'`): each a UUID (as the reference's account ids are),
 * repeats dropped (case-insensitive), within `minItems` / `maxItems`. Takes one ID, a list, IDs
 * separated by commas, JSON list text, and account objects (`{ id }`, as Account → Get Many
 * outputs), lists nested once as expressions build them.
 */
function checkAccountIds(
	ctx: ReaderContext,
	property: INodeProperties,
	value: unknown,
	itemIndex: number,
	label: string,
): string[] {
	const fail = failerFor(ctx, itemIndex);
	const min = (property.typeOptions?.minItems as number | undefined) ?? 0;
	const max = property.typeOptions?.maxItems as number | undefined;
	const ids: string[] = [];
	for (const entry of accountEntries(value)) {
		const candidate =
			typeof entry === 'object' && entry !== null && !Array.isArray(entry)
				? (entry as IDataObject).id
				: entry;
		const text = typeof candidate === 'string' ? candidate.trim() : candidate;
		if (typeof text !== 'string' || !isUuid(text)) {
			fail(
				`${label} contains ${describeValue(entry)}, which is not an account ID like 0a0a0a0a-0000-4000-8000-00000000c001 (get them with Account → Get Many)`,
			);
		}
		const id = (text as string).toLowerCase();
		if (!ids.includes(id)) ids.push(id);
	}
	if (ids.length < min) {
		fail(
			ids.length === 0
				? `${label} is required: pick at least ${min} account${min === 1 ? '' : 's'}`
				: `${label} needs at least ${min} accounts (got ${ids.length})`,
		);
	}
	if (max !== undefined && ids.length > max)
		fail(`${label} takes at most ${max} accounts (got ${ids.length})`);
	return ids;
}

/** Every entry of an accounts value: lists (nested once), comma text, JSON list text. */
function accountEntries(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return [];
		if (text.startsWith('[')) {
			try {
				const parsed = JSON.parse(text) as unknown;
				if (Array.isArray(parsed)) return accountEntries(parsed);
			} catch {
				// Not JSON: read it as comma-separated text below (and refuse what is not an ID).
			}
		}
		return text
			.split(',')
			.map((part) => part.trim())
			.filter((part) => part !== '');
	}
	if (Array.isArray(value)) {
		return value.flatMap((entry) =>
			Array.isArray(entry) || typeof entry === 'string'
				? accountEntries(entry)
				: entry === null || entry === undefined
					? []
					: [entry],
		);
	}
	return [value];
}

/**
 * Whether a collection option counts as given: a clear flag only when true, an empty object or
 * list never, a blank text only where it is kept (`keepBlank`).
 */
function isGiven(value: unknown, option: INodeProperties, isClearFlag: boolean): boolean {
	if (value === '' && option.typeOptions?.keepBlank === true) return true;
	if (value === undefined || value === null || value === '') return false;
	if (isClearFlag) return value === true;
	if (Array.isArray(value)) return value.length > 0;
	if (typeof value === 'object') return Object.keys(value).length > 0;
	return true;
}

/** A collection's own rules (`setOrClear`, `notEmpty`), on the values as read. */
function checkCollectionRules(
	ctx: ReaderContext,
	property: INodeProperties,
	values: IDataObject,
	itemIndex: number,
	label: string,
): void {
	const fail = failerFor(ctx, itemIndex);
	const options = (property.options ?? []) as INodeProperties[];
	const nameOf = (name: string) =>
		options.find((option) => option.name === name)?.displayName ?? name;
	const pairs = (property.typeOptions?.setOrClear ?? []) as SetOrClearPair[];
	const clearFlags = pairs.map((pair) => pair.clear);
	for (const pair of pairs) {
		const set = pair.set.filter((name) =>
			isGiven(
				values[name],
				options.find((option) => option.name === name) ?? { ...property, name },
				false,
			),
		);
		if (set.length > 0 && values[pair.clear] === true) {
			fail(
				`Set either ${set.map((name) => `${label} → ${nameOf(name)}`).join(' and ')} or ${label} → ${nameOf(pair.clear)}, not both`,
			);
		}
	}
	if (
		property.typeOptions?.notEmpty === true &&
		!options.some((option) =>
			isGiven(values[option.name], option, clearFlags.includes(option.name)),
		)
	) {
		const names = options.map((option) => option.displayName);
		const choices =
			names.length <= 8
				? `at least one of ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
				: 'at least one field';
		fail(`Nothing to update: add ${choices} under ${label}`);
	}
}

/** The locator's value (n8n extracted it), checked by the regex of the mode it came from. */
function checkLocator(
	ctx: ReaderContext,
	property: INodeProperties,
	value: unknown,
	itemIndex: number,
	label: string,
): unknown {
	const fail = failerFor(ctx, itemIndex);
	const extracted =
		typeof value === 'object' && value !== null && '__rl' in value
			? (value as IDataObject).value
			: value;
	if (isBlank(extracted))
		return property.required
			? fail(`${label} is required: pick one from the list or give its ID`)
			: undefined;
	const text = typeof extracted === 'number' ? String(extracted) : extracted;
	if (typeof text !== 'string')
		return fail(`${label} must be an ID; got ${describeValue(extracted)}`);
	const idMode = (property.modes ?? []).find((mode: INodePropertyMode) => mode.name === 'id');
	for (const rule of idMode?.validation ?? []) {
		if (typeof rule !== 'object' || rule.type !== 'regex') continue;
		const { regex, errorMessage } = rule.properties as { regex: string; errorMessage: string };
		if (!new RegExp(regex).test(text.trim()))
			fail(`${label}: ${errorMessage}; got ${describeValue(text)}`);
	}
	// IDs are UUIDs almost everywhere; compare them in one case. Other IDs are kept as typed.
	return isUuid(text.trim()) ? text.trim().toLowerCase() : text.trim();
}

function parseJson(ctx: ReaderContext, value: unknown, itemIndex: number, label: string): unknown {
	if (typeof value === 'object' && value !== null) return value;
	if (typeof value !== 'string')
		return failValidation(
			ctx as IExecuteFunctions,
			itemIndex,
			`${label} must be JSON; got ${describeValue(value)}`,
		);
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		return failValidation(
			ctx as IExecuteFunctions,
			itemIndex,
			`${label} is not valid JSON (${(error as Error).message.slice(0, 120)})`,
		);
	}
}

/**
 * The one rule for every list typed as text (IDs, URLs, binary field names, tags): text with a
 * line break holds one entry per line, and commas stay inside an entry (image-service URLs
 * such as `.../c_fill,w_1080/...` carry them; a comma at the end of a line is dropped); text on
 * one line holds entries separated by commas. A list from an expression is taken as it is,
 * never split again. Text entries are trimmed and blanks dropped. Undefined when the value is
 * neither text, a number nor a list.
 */
export function listEntries(value: unknown): unknown[] | undefined {
	if (value === undefined || value === null || value === '') return [];
	let raw: unknown;
	if (typeof value === 'string') {
		// A comma that ends a line ("a,\nb") only separates, as it would on one line.
		raw = /[\r\n]/.test(value)
			? value.split(/\r\n|\r|\n/).map((line) => line.trim().replace(/,$/, ''))
			: value.split(',');
	} else {
		raw = typeof value === 'number' ? [value] : value;
	}
	if (!Array.isArray(raw)) return undefined;
	return raw
		.map((entry) => (typeof entry === 'string' ? entry.trim() : entry))
		.filter((entry) => entry !== '' && entry !== null && entry !== undefined);
}

/** How a list field's description states the rule of `listEntries` (end of the sentence). */
export const LIST_RULE =
	'one per line (a comma inside a line then stays part of the entry), or separated by commas on a single line, or a list from an expression';

/** Signed CDN URLs are long: a URL in a list may be longer than the reader's default 500 characters. */
export const MAX_URL_LENGTH = 4096;

const urlEntry = (label: string): INodeProperties => ({
	displayName: label,
	name: 'url',
	type: 'string',
	default: '',
	typeOptions: { format: 'url', maxLength: MAX_URL_LENGTH },
});

function checkCount<T>(
	ctx: ReaderContext,
	property: INodeProperties,
	list: T[],
	itemIndex: number,
	label: string,
): T[] {
	const min = property.typeOptions?.minItems as number | undefined;
	const max = property.typeOptions?.maxItems as number | undefined;
	const noun = property.typeOptions?.itemNoun as string | undefined;
	const counted = (count: number) =>
		noun === undefined ? '' : ` ${count === 1 ? noun.replace(/s$/, '') : noun}`;
	if (min !== undefined && list.length < min) {
		failValidation(
			ctx as IExecuteFunctions,
			itemIndex,
			`${label} needs at least ${min}${counted(min)} (got ${list.length})`,
		);
	}
	if (max !== undefined && list.length > max) {
		failValidation(
			ctx as IExecuteFunctions,
			itemIndex,
			`${label} takes at most ${max}${counted(max)} (got ${list.length})`,
		);
	}
	return list;
}
