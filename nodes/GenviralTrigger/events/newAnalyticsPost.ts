import type { IDataObject } from 'n8n-workflow';

import { expectArray, expectObject, genviralApiRequest } from '../../Genviral/transport';
import type { FeedRow } from '../cursor';
import type { FeedPage } from './feedWalk';
import { feedOutcome, pollFeed } from './feedWalk';
import type { PollRun, TriggerEventHandler } from './types';
import { instantOf } from './types';

const PATH = '/analytics/summary/posts';
const ENDPOINT = `GET ${PATH}`;
/** Reference: limit 1-100, offset 0-10,000. */
const PAGE_SIZE = 100;
const OFFSET_CAP = 10_000;
const HOUR_MS = 3_600_000;

function filterQuery(run: PollRun): IDataObject {
	const qs: IDataObject = { sortBy: 'published_at', sortOrder: 'desc' };
	if (run.settings.platforms.length > 0) qs.platforms = run.settings.platforms.join(',');
	if (run.settings.targets.length > 0) qs.accounts = run.settings.targets.join(',');
	return qs;
}

async function readRows(run: PollRun, qs: IDataObject): Promise<FeedPage> {
	const data = expectObject(
		run.ctx,
		await genviralApiRequest.call(run.ctx, { method: 'GET', path: PATH, qs }),
		ENDPOINT,
		undefined,
	);
	const rows = expectArray(run.ctx, data.posts, ENDPOINT, undefined, 'posts');
	const feedRows: Array<FeedRow<IDataObject>> = [];
	for (const row of rows) {
		const at = instantOf(row.publishedAt);
		// A row without an ID or a publish time cannot be placed or deduplicated.
		if (typeof row.id !== 'string' || at === undefined) continue;
		feedRows.push({ id: row.id, at, row });
	}
	return {
		rows: feedRows,
		more: data.hasMore === true,
		total: typeof data.totalCount === 'number' ? data.totalCount : undefined,
	};
}

/**
 * New Post on a Tracked Profile: new rows of GET /analytics/summary/posts, newest first by
 * publish time. Rows arrive when a profile is refreshed, so a row can show up after newer ones:
 * the window below the newest row seen (Late Posts Window; below the poll's clock if that row
 * is dated later) is read again, and rows in it are reported once, by ID.
 */
export const newAnalyticsPost: TriggerEventHandler = {
	cursorKind: 'feed',

	async poll(run, previous) {
		const lookbackMs = run.settings.lookbackHours * HOUR_MS;
		const feed = previous?.kind === 'feed' ? previous.feed : undefined;
		// The same query every poll (all time, newest first), so its totalCount tells whether
		// rows were added since the last poll.
		const result = await pollFeed(
			feed,
			run.now,
			lookbackMs,
			async (offset) =>
				await readRows(run, { ...filterQuery(run), range: 'all', limit: PAGE_SIZE, offset }),
			OFFSET_CAP,
		);
		return feedOutcome(result);
	},

	async sample(run) {
		const { rows } = await readRows(run, {
			...filterQuery(run),
			range: 'all',
			limit: 1,
			offset: 0,
		});
		return rows[0]?.row;
	},

	nothingYet: () => ({
		message: 'No post found in the analytics of the tracked profiles (with the current filters)',
		description:
			'Posts show up once a tracked profile has been refreshed. Track a profile and refresh it (Genviral node: Analytics Target → Refresh), then fetch again.',
	}),
};
