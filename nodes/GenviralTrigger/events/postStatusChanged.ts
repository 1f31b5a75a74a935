import type { IDataObject } from 'n8n-workflow';

import { expectArray, expectObject, genviralApiRequest } from '../../Genviral/transport';
import type { PostsCursor, RememberedPost } from '../cursor';
import { postStatusOptions } from '../description';
import { FULL_READ_EVERY, MAX_REMEMBERED } from '../cursor';
import type { PollRun, TriggerEventHandler } from './types';
import { instantOf } from './types';

const PATH = '/posts';
const ENDPOINT = `GET ${PATH}`;
/** Reference 7.2: limit 1-100 (clamped), newest first, older pages by lowering `until`. */
const PAGE_SIZE = 100;
export { FULL_READ_EVERY };

/** Statuses that end an attempt: the same status after a newer attempt is a new event. */
const ATTEMPT_OUTCOMES = ['failed', 'partial'];

/**
 * Outcomes (reference 7 "Statuses"): `posted`, `partial` and `canceled` are immutable, `failed`
 * ends an attempt (a retry starts a newer one). An outcome already recorded for a post, with the
 * same attempt, is not news when a read shows it again.
 */
const FINAL_STATUSES = ['posted', 'partial', 'canceled', 'failed'];

interface ReadPost {
	row: IDataObject;
	status: string;
	at: number;
	/** The newest `last_attempted_at` of its deliveries. */
	attempt: string | null;
}

function lastAttemptOf(row: IDataObject): string | null {
	const states = (row.accounts as IDataObject | undefined)?.states;
	let newest: { text: string; at: number } | null = null;
	if (!Array.isArray(states)) return null;
	for (const state of states as IDataObject[]) {
		const at = instantOf(state?.last_attempted_at);
		if (at !== undefined && (newest === null || at > newest.at))
			newest = { text: state.last_attempted_at as string, at };
	}
	return newest?.text ?? null;
}

interface Page {
	posts: ReadPost[];
	/** The scope's counters (total and by status) with this page. */
	counts: Record<string, number>;
	full: boolean;
	/** The `created_at` of the oldest row, as the API wrote it (the next page's `until`). */
	oldest: string | undefined;
}

async function readPage(run: PollRun, qs: IDataObject): Promise<Page> {
	const data = expectObject(
		run.ctx,
		await genviralApiRequest.call(run.ctx, { method: 'GET', path: PATH, qs }),
		ENDPOINT,
		undefined,
	);
	const rows = expectArray(run.ctx, data.posts, ENDPOINT, undefined, 'posts');
	const posts: ReadPost[] = [];
	let oldest: { text: string; at: number } | undefined;
	for (const row of rows) {
		const at = instantOf(row.created_at);
		if (typeof row.id !== 'string' || typeof row.status !== 'string' || at === undefined) continue;
		posts.push({ row, status: row.status, at, attempt: lastAttemptOf(row) });
		if (oldest === undefined || at < oldest.at) oldest = { text: row.created_at as string, at };
	}
	return {
		posts,
		counts: countsOf(data.summary),
		full: rows.length >= PAGE_SIZE,
		oldest: oldest?.text,
	};
}

/** `summary.total` and `summary.by_status` as one flat record (absent counters are 0). */
function countsOf(summary: unknown): Record<string, number> {
	const counts: Record<string, number> = {};
	if (typeof summary !== 'object' || summary === null) return counts;
	const { total, by_status: byStatus } = summary as IDataObject;
	if (typeof total === 'number') counts['#total'] = total;
	if (typeof byStatus === 'object' && byStatus !== null) {
		for (const [status, count] of Object.entries(byStatus))
			if (typeof count === 'number') counts[status] = count;
	}
	return counts;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
	for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
		if ((a[key] ?? 0) !== (b[key] ?? 0)) return false;
	return true;
}

/**
 * Whether the posts read so far explain every change of the scope's counters since the last
 * poll: if so, nothing changed further back and the read can stop.
 */
function explained(
	previous: PostsCursor,
	known: Map<string, string>,
	read: Map<string, ReadPost>,
	counts: Record<string, number>,
): boolean {
	if (Object.keys(counts).length === 0) return false;
	const expected = { ...previous.counts };
	const add = (key: string, n: number) => (expected[key] = (expected[key] ?? 0) + n);
	for (const [id, post] of read) {
		const was = known.get(id);
		if (was === post.status) continue;
		if (was === undefined) add('#total', 1);
		else add(was, -1);
		add(post.status, 1);
	}
	return sameCounts(expected, counts);
}

function matchesAccounts(row: IDataObject, accounts: string[]): boolean {
	if (accounts.length === 0) return true;
	const wanted = accounts.map((a) => a.toLowerCase());
	const states = ((row.accounts as IDataObject | undefined)?.states ?? []) as IDataObject[];
	return (
		Array.isArray(states) &&
		states.some(
			(s) => typeof s.account_id === 'string' && wanted.includes(s.account_id.toLowerCase()),
		)
	);
}

/** "Posted, Failed or Partial". */
function statusNames(statuses: string[]): string {
	const names = statuses.map((s) => postStatusOptions.find((o) => o.value === s)?.name ?? s);
	return names.length > 1
		? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
		: names.join('');
}

type Remembered = RememberedPost;

/** Whether a post read now is an event against what was remembered of it. */
function hasChanged(was: Remembered | undefined, post: ReadPost): boolean {
	if (was !== undefined && isRecordedFinal(was, post)) return false;
	if (was === undefined || was[1] !== post.status) return true;
	return ATTEMPT_OUTCOMES.includes(post.status) && was[3] !== post.attempt;
}

/**
 * Whether the post shows the outcome last recorded for it (same status, same attempt): a read
 * in between that showed it otherwise (a stale read: posted → pending → posted) changes nothing.
 */
function isRecordedFinal(was: Remembered, post: ReadPost): boolean {
	const final = was[4];
	return final !== null && final[0] === post.status && final[1] === post.attempt;
}

/** What to remember of a post read now: its outcome when it shows one, else the last one recorded. */
function remember(post: ReadPost, was: Remembered | undefined): Remembered {
	const final: Remembered[4] = FINAL_STATUSES.includes(post.status)
		? [post.status, post.attempt]
		: (was?.[4] ?? null);
	return [post.row.id as string, post.status, post.at, post.attempt, final];
}

const newestFirst = (a: Remembered, b: Remembered) =>
	b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Post Status Changed. The list has no "updated since": the trigger remembers the status of the
 * most recent posts (MAX_REMEMBERED) and compares. The first page (the newest 100 posts, with
 * the scope's status counters) is read every poll; older pages only while the counters show a
 * change the pages read so far do not explain. With nothing new: one request.
 */
export const postStatusChanged: TriggerEventHandler = {
	cursorKind: 'posts',

	async poll(run, previousCursor) {
		const previous = previousCursor?.kind === 'posts' ? previousCursor.posts : undefined;
		const remembered = new Map((previous?.posts ?? []).map((entry) => [entry[0], entry]));
		const known = new Map((previous?.posts ?? []).map(([id, status]) => [id, status]));
		const readAll = previous === undefined || previous.pollsSinceFullRead + 1 >= FULL_READ_EVERY;

		const read = new Map<string, ReadPost>();
		let counts: Record<string, number> = {};
		let until: string | undefined;
		let reachedEnd = false;
		for (let page = 0; ; page++) {
			const answer = await readPage(
				run,
				until === undefined ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, until },
			);
			if (page === 0) counts = answer.counts;
			let added = 0;
			for (const post of answer.posts) {
				if (read.has(post.row.id as string)) continue;
				read.set(post.row.id as string, post);
				added++;
			}
			// A short page is the last; a page of nothing new (every row on one instant) cannot move on.
			if (!answer.full || added === 0 || answer.oldest === undefined) {
				reachedEnd = !answer.full;
				break;
			}
			if (read.size >= MAX_REMEMBERED) break;
			if (!readAll && previous && explained(previous, known, read, counts)) break;
			// `until` is inclusive: rows on the boundary instant come again and are skipped by ID.
			until = answer.oldest;
		}

		const oldestRead = Math.min(...[...read.values()].map((p) => p.at));
		const items: IDataObject[] = [];
		if (previous) {
			const windowWasFull = previous.posts.length >= MAX_REMEMBERED;
			const oldestKnown =
				previous.posts.length > 0
					? previous.posts[previous.posts.length - 1][2]
					: Number.NEGATIVE_INFINITY;
			const changed = [...read.values()]
				.filter((post) => {
					const was = known.get(post.row.id as string);
					if (!hasChanged(remembered.get(post.row.id as string), post)) return false;
					// Unknown and older than a full window: a post beyond memory, read now; not new.
					if (was === undefined && windowWasFull && post.at < oldestKnown) return false;
					return (
						run.settings.statuses.includes(post.status) &&
						matchesAccounts(post.row, run.settings.accounts)
					);
				})
				.sort((a, b) => a.at - b.at || ((a.row.id as string) < (b.row.id as string) ? -1 : 1));
			for (const post of changed)
				items.push({ ...post.row, previous_status: known.get(post.row.id as string) ?? null });
		}

		// Remember what was read; keep remembered posts older than the read (not re-read this
		// time); forget remembered posts inside the read range that are gone (deleted).
		const kept = new Map<string, Remembered>();
		for (const entry of previous?.posts ?? []) {
			if (!reachedEnd && entry[2] <= oldestRead) kept.set(entry[0], entry);
		}
		for (const [id, post] of read) kept.set(id, remember(post, remembered.get(id)));
		const posts = [...kept.values()].sort(newestFirst).slice(0, MAX_REMEMBERED);
		const cursor: PostsCursor = {
			posts,
			counts,
			pollsSinceFullRead: readAll || reachedEnd ? 0 : (previous?.pollsSinceFullRead ?? 0) + 1,
		};
		return { items, cursor: { kind: 'posts', posts: cursor } };
	},

	async sample(run) {
		// The newest post in one of the chosen statuses: one request per status (the list filters by one).
		let newest: { row: IDataObject; at: number } | undefined;
		for (const status of run.settings.statuses) {
			if (status === 'canceled') continue; // not a documented list filter value
			const page = await readPage(run, { limit: PAGE_SIZE, status });
			for (const post of page.posts) {
				if (post.status !== status || !matchesAccounts(post.row, run.settings.accounts)) continue;
				if (newest === undefined || post.at > newest.at) newest = post;
				break;
			}
		}
		return newest ? { ...newest.row, previous_status: null } : undefined;
	},

	nothingYet: (settings) => ({
		message: `No post with status ${statusNames(settings.statuses)} found (with the current filters)`,
		description:
			'Publish a post (Genviral node: Post → Create), wait for it to finish, then fetch again.',
	}),
};
