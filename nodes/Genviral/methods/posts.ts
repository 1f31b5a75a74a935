import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { isoInZone } from '../helpers/dates';
import { expectArray, expectObject, genviralApiRequest } from '../transport';

const ENDPOINT = 'GET /posts';
/** Rows per request: the most GET /posts gives (reference 7.2). */
const PAGE_SIZE = 100;
/** Requests one call of the Post picker may send before it hands back a pagination token. */
const REQUESTS_PER_CALL = 5;
/** Results after which one call of the Post picker stops and hands back a pagination token. */
const RESULTS_PER_CALL = 50;
const CAPTION_EXCERPT = 60;

/** Where the Post picker's next page starts: posts created at or before `until`, minus those already shown on that instant. */
interface PostCursor {
	until: string;
	shown: string[];
}

function readCursor(token: string | undefined): PostCursor | undefined {
	if (token === undefined || token === '') return undefined;
	try {
		const parsed = JSON.parse(token) as PostCursor;
		return typeof parsed?.until === 'string' && Array.isArray(parsed.shown) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

function timeZoneOf(ctx: ILoadOptionsFunctions): string {
	try {
		return ctx.getTimezone();
	} catch {
		return 'UTC';
	}
}

/** "2026-03-01 18:00" in the workflow's time zone; the text as given when it is no date. */
function shortDate(value: unknown, timeZone: string): string {
	const epochMs = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(epochMs)) return typeof value === 'string' ? value : '';
	return isoInZone(epochMs, timeZone).slice(0, 16).replace('T', ' ');
}

/** "Morning routine, part 2 · scheduled · 2026-03-01 18:00": caption excerpt, status, date. */
export function postLabel(post: IDataObject, timeZone: string): string {
	const caption = typeof post.caption === 'string' ? post.caption.replace(/\s+/g, ' ').trim() : '';
	const excerpt =
		caption === ''
			? '(No caption)'
			: caption.length > CAPTION_EXCERPT
				? `${caption.slice(0, CAPTION_EXCERPT - 1).trimEnd()}…`
				: caption;
	const status = String(post.status ?? 'unknown');
	// A scheduled post is known by when it goes out; any other by when it was made.
	const when =
		status === 'scheduled' && typeof post.scheduled_at === 'string'
			? post.scheduled_at
			: post.created_at;
	const date = shortDate(when, timeZone);
	return date === '' ? `${excerpt} · ${status}` : `${excerpt} · ${status} · ${date}`;
}

function matches(post: IDataObject, label: string, needle: string): boolean {
	if (needle === '') return true;
	const caption = typeof post.caption === 'string' ? post.caption.toLowerCase() : '';
	return (
		label.toLowerCase().includes(needle) ||
		caption.includes(needle) ||
		String(post.id).toLowerCase() === needle
	);
}

async function fetchPosts(ctx: ILoadOptionsFunctions, qs: IDataObject): Promise<IDataObject[]> {
	const page = expectObject(
		ctx,
		await genviralApiRequest.call(ctx, { method: 'GET', path: '/posts', qs }),
		ENDPOINT,
		undefined,
	);
	return expectArray(ctx, page.posts, ENDPOINT, undefined, 'posts').filter(
		(post) => typeof post.id === 'string',
	);
}

/**
 * The "From List" mode of the Post locator: newest first. GET /posts has no offset and no
 * search (reference 7.2), so the picker pages by time, as Get Many does: the token holds the
 * oldest instant shown and the IDs shown on it, the next page ends there (`until`) and skips
 * them. The filter matches the caption, status and date of the label, or a whole post ID, over
 * a bounded number of requests per call.
 */
export async function searchPosts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const timeZone = timeZoneOf(this);
	let cursor = readCursor(paginationToken);
	const results: INodeListSearchItems[] = [];
	for (
		let requests = 0;
		requests < REQUESTS_PER_CALL && results.length < RESULTS_PER_CALL;
		requests++
	) {
		const qs: IDataObject = { limit: PAGE_SIZE };
		if (cursor !== undefined) qs.until = cursor.until;
		const posts = await fetchPosts(this, qs);
		const shown = new Set(cursor?.shown ?? []);
		const fresh = posts.filter((post) => !shown.has(String(post.id)));
		for (const post of fresh) {
			const label = postLabel(post, timeZone);
			if (matches(post, label, needle)) results.push({ name: label, value: String(post.id) });
		}
		let oldest: string | undefined;
		for (const post of posts) {
			const at = post.created_at;
			if (
				typeof at === 'string' &&
				!Number.isNaN(Date.parse(at)) &&
				(oldest === undefined || Date.parse(at) < Date.parse(oldest))
			)
				oldest = at;
		}
		// A short page is the last one; a page of nothing new (all on one instant) cannot move on.
		if (posts.length < PAGE_SIZE || fresh.length === 0 || oldest === undefined) return { results };
		const onOldest = posts
			.filter((post) => post.created_at === oldest)
			.map((post) => String(post.id));
		cursor = {
			until: oldest,
			shown: oldest === cursor?.until ? [...shown, ...onOldest] : onOldest,
		};
	}
	return { results, paginationToken: JSON.stringify(cursor) };
}

/** The statuses Retry re-queues (reference 7.5) and Delete removes (7.6: not posted, partial or canceled). */
export const RETRYABLE_POST_STATUSES = ['failed', 'partial'];
export const DELETABLE_POST_STATUSES = ['draft', 'pending', 'scheduled', 'retry', 'failed'];

/** The newest posts (up to 100) of each status, newest first, as options of a multi-post picker. */
async function postOptions(
	ctx: ILoadOptionsFunctions,
	statuses: string[],
): Promise<INodePropertyOptions[]> {
	const timeZone = timeZoneOf(ctx);
	const posts: IDataObject[] = [];
	for (const status of statuses)
		posts.push(...(await fetchPosts(ctx, { status, limit: PAGE_SIZE })));
	return posts
		.sort((a, b) => Date.parse(String(b.created_at)) - Date.parse(String(a.created_at)))
		.map((post) => ({ name: postLabel(post, timeZone), value: String(post.id) }));
}

export const postsListSearch = { searchPosts };

export const postsLoadOptions = {
	/** Post IDs of Retry: the newest failed and partly posted posts. */
	async getRetryablePosts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await postOptions(this, RETRYABLE_POST_STATUSES);
	},
	/** Post IDs of Delete: the newest posts not published yet. */
	async getDeletablePosts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await postOptions(this, DELETABLE_POST_STATUSES);
	},
};
