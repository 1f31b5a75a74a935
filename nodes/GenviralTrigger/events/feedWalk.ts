import type { IDataObject } from 'n8n-workflow';

import type { FeedCursor, FeedRow } from '../cursor';
import { advanceFeed, feedFloor, newFeedRows, startFeed } from '../cursor';
import type { PollOutcome } from './types';

/** One page of a feed read newest first. */
export interface FeedPage {
	rows: Array<FeedRow<IDataObject>>;
	/** Whether the API says more rows follow this page. */
	more: boolean;
}

/**
 * Walk a newest-first feed page by page until the rows fall below `floor` (nothing older can be
 * new), the feed ends, or the next offset is out of the API's reach. With nothing new and the
 * window on one page, that is one request.
 */
export async function walkFeed(
	readPage: (offset: number) => Promise<FeedPage>,
	floorAfterFirstPage: (newest: number | undefined) => number,
	maxOffset: number,
): Promise<Array<FeedRow<IDataObject>>> {
	const walked: Array<FeedRow<IDataObject>> = [];
	let offset = 0;
	let floor: number | undefined;
	for (;;) {
		const page = await readPage(offset);
		walked.push(...page.rows);
		floor ??= floorAfterFirstPage(page.rows[0]?.at);
		const oldest = page.rows[page.rows.length - 1];
		offset += page.rows.length;
		if (!page.more || page.rows.length === 0 || oldest.at < floor || offset > maxOffset) return walked;
	}
}

/**
 * The common poll of a feed: the first poll records the window and emits nothing; later polls
 * emit the rows not seen before, oldest first.
 */
export async function pollFeed(
	previous: FeedCursor | undefined,
	now: number,
	lookbackMs: number,
	readPage: (offset: number) => Promise<FeedPage>,
	maxOffset: number,
): Promise<{ items: IDataObject[]; feed: FeedCursor }> {
	const floorAfterFirstPage = (newest: number | undefined) =>
		previous ? feedFloor(previous, lookbackMs) : Math.max(now, newest ?? now) - lookbackMs;
	const walked = await walkFeed(readPage, floorAfterFirstPage, maxOffset);
	if (!previous) return { items: [], feed: startFeed(walked, now, lookbackMs) };
	const fresh = newFeedRows(previous, walked, lookbackMs);
	return { items: fresh.map((r) => r.row), feed: advanceFeed(previous, walked, lookbackMs) };
}

export function feedOutcome(result: { items: IDataObject[]; feed: FeedCursor }): PollOutcome {
	return { items: result.items, cursor: { kind: 'feed', feed: result.feed } };
}
