/**
 * Dates as users hand them to a node: ISO text typed in a field, or what an expression gives
 * (`{{ $now }}`, `{{ $today.minus({ days: 7 }) }}` are Luxon DateTime objects, `{{ new Date() }}`
 * a JS Date). No Luxon import: the package has no runtime dependencies, so objects are
 * recognised by shape and time zones are resolved with Intl.
 */

/** A strict ISO 8601 date or date-time; the offset is optional. */
const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export interface ParsedInstant {
	/** Milliseconds since the epoch. */
	epochMs: number;
	/** The same instant as ISO 8601 with an offset: the given one, or the time zone's. */
	iso: string;
	/** Whether the value carried its own offset (or was an absolute object). */
	hadOffset: boolean;
}

interface LuxonLike {
	isValid: boolean;
	toISO: () => string | null;
	toMillis: () => number;
}

function isLuxonDateTime(value: unknown): value is LuxonLike {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as LuxonLike).toISO === 'function' &&
		typeof (value as LuxonLike).toMillis === 'function' &&
		'isValid' in value
	);
}

/** The offset (minutes east of UTC) of a time zone at an instant. */
export function offsetMinutes(timeZone: string, epochMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(epochMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

function pad(n: number, width = 2): string {
	return String(Math.abs(n)).padStart(width, '0');
}

function formatOffset(minutes: number): string {
	if (minutes === 0) return 'Z';
	const sign = minutes < 0 ? '-' : '+';
	return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** An instant written as local time in a zone, with that zone's offset: 2026-03-01T09:00:00+01:00. */
export function isoInZone(epochMs: number, timeZone: string): string {
	const offset = offsetMinutes(timeZone, epochMs);
	const local = new Date(epochMs + offset * 60_000);
	const ms = local.getUTCMilliseconds();
	return (
		`${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
		`T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
		`${ms ? `.${pad(ms, 3)}` : ''}${formatOffset(offset)}`
	);
}

/** Wall-clock fields in a zone → the instant (the usual two-step fix-up across DST changes). */
function wallTimeToEpoch(fields: number[], timeZone: string): number {
	const [year, month, day, hour, minute, second, ms] = fields;
	const guess = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	let epoch = guess - offsetMinutes(timeZone, guess) * 60_000;
	epoch = guess - offsetMinutes(timeZone, epoch) * 60_000;
	return epoch;
}

/**
 * Reads a date or date-time. Returns undefined for anything that is not one (the caller
 * reports it with the field's name). A value without an offset is read in `timeZone`.
 */
export function parseInstant(value: unknown, timeZone: string): ParsedInstant | undefined {
	if (value instanceof Date) {
		const epochMs = value.getTime();
		return Number.isNaN(epochMs)
			? undefined
			: { epochMs, iso: value.toISOString(), hadOffset: true };
	}
	if (isLuxonDateTime(value)) {
		if (!value.isValid) return undefined;
		const iso = value.toISO();
		return iso === null ? undefined : { epochMs: value.toMillis(), iso, hadOffset: true };
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const match = ISO.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = match;
	const fields = [
		Number(y),
		Number(mo),
		Number(d),
		Number(h),
		Number(mi),
		Number(s),
		Math.round(Number(`0${frac || '.0'}`) * 1000),
	];
	const check = new Date(
		Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]),
	);
	if (
		check.getUTCFullYear() !== fields[0] ||
		check.getUTCMonth() !== fields[1] - 1 ||
		check.getUTCDate() !== fields[2] ||
		fields[3] > 23 ||
		fields[4] > 59 ||
		fields[5] > 59
	) {
		return undefined;
	}
	if (zone !== undefined) {
		const epochMs = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
		return Number.isNaN(epochMs)
			? undefined
			: { epochMs, iso: new Date(epochMs).toISOString(), hadOffset: true };
	}
	const epochMs = wallTimeToEpoch(fields, timeZone);
	return { epochMs, iso: isoInZone(epochMs, timeZone), hadOffset: false };
}

/**
 * The calendar date a field documents in UTC (YYYY-MM-DD). A bare date is that date; a
 * date-time (with an offset, or read in the workflow's zone) is converted to UTC first, never
 * cut to its local date.
 */
export function utcDateOf(value: unknown, timeZone: string): string | undefined {
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
		return parseInstant(`${value.trim()}T00:00:00Z`, 'UTC') ? value.trim() : undefined;
	}
	const parsed = parseInstant(value, timeZone);
	return parsed ? new Date(parsed.epochMs).toISOString().slice(0, 10) : undefined;
}
