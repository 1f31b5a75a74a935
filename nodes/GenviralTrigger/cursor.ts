/**
 * What the trigger remembers between polls, in the workflow's static data. Everything here is
 * plain JSON (strings, numbers, arrays, null), bounded in size, and replaced in one assignment
 * at the end of a poll that succeeded: a poll that fails leaves the cursor where it was, so the
 * next poll catches up.
 */

/** IDs (and posts, targets) remembered at most; older ones are forgotten first. */
export const MAX_REMEMBERED = 1000;

/**
 * Every this many polls the whole window is read even when the API's counters say nothing
 * changed beyond the first page: changes that cancel out in a counter (a file deleted while
 * another arrives late; a post leaving Failed for Retry while another enters Failed; a new
 * failure after a retry) would otherwise go unseen until the next change.
 */
export const FULL_READ_EVERY = 15;

/**
 * Bumped when the stored shape changes: an unknown version starts afresh (silently).
 * 2: a remembered post carries the final state last recorded for it.
 */
export const CURSOR_VERSION = 2;

/**
 * A feed read newest first (analytics post rows, files): the newest instant seen, the rows seen
 * in the window below it, and how far memory reaches.
 */
export interface FeedCursor {
	/**
	 * Epoch ms of the newest row seen, but never later than the poll that saw it (a row stamped
	 * in the future counts as stamped at the poll), or of the first poll when the feed was empty.
	 */
	watermark: number;
	/** [id, epoch ms] of rows seen, newest first. */
	seen: Array<[string, number]>;
	/** Rows at or before this instant were forgotten to keep memory bounded: never emitted. */
	forgottenUpTo: number | null;
	/** The API's row count at the last poll: unchanged, and nothing new on the first page, means nothing new. */
	total: number | null;
	/** Polls since the whole window was last read. */
	pollsSinceFullRead: number;
}

export interface FeedRow<T> {
	id: string;
	at: number;
	row: T;
}

/**
 * The rows of a walk that are new: not seen, not older than the window (watermark minus the
 * lookback), not in the forgotten range. Duplicates within the walk (a row that moved to the next
 * page while we read) count once. Returned oldest first, the order they happened in.
 */
export function newFeedRows<T>(
	cursor: FeedCursor,
	rows: Array<FeedRow<T>>,
	lookbackMs: number,
): Array<FeedRow<T>> {
	const seen = new Set(cursor.seen.map(([id]) => id));
	const floor = feedFloor(cursor, lookbackMs);
	const fresh = new Map<string, FeedRow<T>>();
	for (const row of rows) {
		if (seen.has(row.id) || fresh.has(row.id) || row.at < floor) continue;
		if (cursor.forgottenUpTo !== null && row.at <= cursor.forgottenUpTo) continue;
		fresh.set(row.id, row);
	}
	return [...fresh.values()].sort(oldestFirst);
}

/** The oldest instant a walk needs to reach: below it nothing can be new. */
export function feedFloor(cursor: FeedCursor, lookbackMs: number): number {
	const floor = cursor.watermark - lookbackMs;
	return cursor.forgottenUpTo === null ? floor : Math.max(floor, cursor.forgottenUpTo + 1);
}

/**
 * The cursor after a poll: every row walked is now seen (emitted ones, and those of a first
 * poll that records where things stand), the watermark moves to the newest row (at most to
 * `now`), rows below the window are dropped, and at most MAX_REMEMBERED stay. When the cap
 * bites, whole instants are forgotten together (so an instant is either fully remembered or
 * fully forgotten) and `forgottenUpTo` keeps them from coming back as new.
 */
export function advanceFeed<T>(
	cursor: FeedCursor,
	walked: Array<FeedRow<T>>,
	lookbackMs: number,
	now: number,
	max = MAX_REMEMBERED,
): FeedCursor {
	const byId = new Map<string, number>(cursor.seen);
	for (const row of walked) byId.set(row.id, row.at);
	// A row stamped after the poll (a file a day ahead, a premiere scheduled next week) moves the
	// watermark only up to the poll's clock: the window below it keeps holding the rows that
	// follow. The row itself stays in `seen` (its own instant) until the window passes it.
	const watermark = walked.reduce(
		(newest, r) => Math.max(newest, Math.min(r.at, now)),
		cursor.watermark,
	);
	const floor = watermark - lookbackMs;
	let seen = [...byId.entries()]
		.filter(([, at]) => at >= floor)
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	let forgottenUpTo = cursor.forgottenUpTo;
	if (seen.length > max) {
		const cut = seen[max][1];
		seen = seen.filter(([, at]) => at > cut);
		forgottenUpTo = Math.max(forgottenUpTo ?? cut, cut);
	}
	return {
		watermark,
		seen,
		forgottenUpTo,
		total: cursor.total,
		pollsSinceFullRead: cursor.pollsSinceFullRead,
	};
}

/** The first cursor of a feed: what the first poll found, nothing emitted. */
export function startFeed<T>(
	walked: Array<FeedRow<T>>,
	now: number,
	lookbackMs: number,
): FeedCursor {
	return advanceFeed(
		{ watermark: now, seen: [], forgottenUpTo: null, total: null, pollsSinceFullRead: 0 },
		walked,
		lookbackMs,
		now,
	);
}

function oldestFirst<T>(a: FeedRow<T>, b: FeedRow<T>): number {
	return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Posts: the list has no "updated since", so the trigger remembers the status of the most
 * recent posts and compares. The scope's status counters (`summary.by_status`, in every answer)
 * tell whether anything changed beyond the first page.
 */
export interface PostsCursor {
	/** What is remembered of each post, newest first, at most MAX_REMEMBERED. */
	posts: RememberedPost[];
	/** The scope's counters at the last poll: total and by status. */
	counts: Record<string, number>;
	/** Polls since the whole window was last read (a safety net for changes that cancel out). */
	pollsSinceFullRead: number;
}

/**
 * [id, status, created_at epoch ms, last attempt, final].
 * - last attempt: the newest `last_attempted_at` of its deliveries; it tells a new failure after
 *   a retry from the old one, though the status reads "failed" both times.
 * - final: the last final state ([status, last attempt]) recorded for the post, reported or
 *   found by a first poll; kept across reads that show it otherwise, so a stale read (posted →
 *   pending → posted) does not report the same outcome twice.
 */
export type RememberedPost = [
	string,
	string,
	number,
	string | null,
	[string, string | null] | null,
];

/** Analytics targets: their last refresh instant. */
export interface TargetsCursor {
	/** [id, last_refreshed_at or null]. */
	targets: Array<[string, string | null]>;
	/** Targets beyond the cap whose refreshes at or before this instant are not reported. */
	forgottenUpTo: string | null;
}

export type EventCursor =
	| { kind: 'feed'; feed: FeedCursor }
	| { kind: 'posts'; posts: PostsCursor }
	| { kind: 'targets'; targets: TargetsCursor };

export interface StoredCursor {
	version: number;
	/** The event and its filters the cursor belongs to: any change starts afresh. */
	fingerprint: string;
	cursor: EventCursor;
}

/** A stable text for the event and its filters (lists sorted, so their order does not matter). */
export function fingerprintOf(event: string, filters: Record<string, unknown>): string {
	const normalized = Object.keys(filters)
		.sort()
		.map((key) => {
			const value = filters[key];
			return [key, Array.isArray(value) ? [...value].map(String).sort() : (value ?? null)];
		});
	return JSON.stringify([event, normalized]);
}

/**
 * The stored cursor when it belongs to this event and filters (`cursor`). Nothing stored, another
 * version or other filters: neither field (start afresh, nothing to say). A cursor of this
 * version whose shape does not validate: `damaged` names the first field that is wrong (start
 * afresh, and say so).
 */
export function readStored(
	staticData: Record<string, unknown>,
	fingerprint: string,
	kind: EventCursor['kind'],
): { cursor?: EventCursor; damaged?: string } {
	const stored = staticData.cursor;
	if (stored === undefined) return {};
	if (!isRecord(stored)) return { damaged: 'cursor is not an object' };
	if (stored.version !== CURSOR_VERSION) return {};
	if (typeof stored.fingerprint !== 'string') return { damaged: 'cursor.fingerprint' };
	if (stored.fingerprint !== fingerprint) return {};
	const problem = eventCursorProblem(stored.cursor, kind);
	return problem === undefined ? { cursor: stored.cursor as EventCursor } : { damaged: problem };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An epoch ms, or a count as the API sent it. */
const isFiniteNumber = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);
const isCount = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown): value is string | null =>
	value === null || typeof value === 'string';
const isIsoOrNull = (value: unknown): boolean =>
	value === null || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));

/** The path of the first field of a bounded list that fails `check`, or undefined. */
function listProblem(
	value: unknown,
	path: string,
	check: (entry: unknown) => boolean,
): string | undefined {
	if (!Array.isArray(value) || value.length > MAX_REMEMBERED) return path;
	const bad = value.findIndex((entry) => !check(entry));
	return bad === -1 ? undefined : `${path}[${bad}]`;
}

/** A fixed-length tuple whose elements pass their checks. */
const tuple =
	(...checks: Array<(value: unknown) => boolean>) =>
	(entry: unknown): boolean =>
		Array.isArray(entry) &&
		entry.length === checks.length &&
		checks.every((check, i) => check(entry[i]));

/** The first field of `value` that is not what this version writes for `kind`, or undefined. */
function eventCursorProblem(value: unknown, kind: EventCursor['kind']): string | undefined {
	if (!isRecord(value)) return 'cursor.cursor';
	if (value.kind !== kind) return 'cursor.cursor.kind';
	const at = `cursor.cursor.${kind}`;
	const body = value[kind];
	if (!isRecord(body)) return at;
	const field = (name: string, ok: boolean) => (ok ? undefined : `${at}.${name}`);
	switch (kind) {
		case 'feed':
			return (
				field('watermark', isFiniteNumber(body.watermark)) ??
				listProblem(body.seen, `${at}.seen`, tuple(isText, isFiniteNumber)) ??
				field('forgottenUpTo', body.forgottenUpTo === null || isFiniteNumber(body.forgottenUpTo)) ??
				// The API's counts are stored as read: any number passes (only its change is used).
				field('total', body.total === null || isFiniteNumber(body.total)) ??
				field('pollsSinceFullRead', isCount(body.pollsSinceFullRead))
			);
		case 'posts': {
			const isFinal = (final: unknown) => final === null || tuple(isText, isTextOrNull)(final);
			const counts = body.counts;
			return (
				listProblem(
					body.posts,
					`${at}.posts`,
					tuple(isText, isText, isFiniteNumber, isTextOrNull, isFinal),
				) ??
				field('counts', isRecord(counts) && Object.values(counts).every(isFiniteNumber)) ??
				field('pollsSinceFullRead', isCount(body.pollsSinceFullRead))
			);
		}
		case 'targets':
			return (
				listProblem(body.targets, `${at}.targets`, tuple(isText, isIsoOrNull)) ??
				field('forgottenUpTo', isIsoOrNull(body.forgottenUpTo))
			);
	}
}

export function writeStored(
	staticData: Record<string, unknown>,
	fingerprint: string,
	cursor: EventCursor,
): void {
	const stored: StoredCursor = { version: CURSOR_VERSION, fingerprint, cursor };
	// A fresh JSON copy: nothing shared with the poll's working objects, nothing that is not JSON.
	staticData.cursor = JSON.parse(JSON.stringify(stored)) as StoredCursor;
}
