import type { IDataObject } from 'n8n-workflow';

import type { FeedCursor, FeedRow } from '../cursor';
import { advanceFeed, feedFloor, FULL_READ_EVERY, newFeedRows, startFeed } from '../cursor';
import type { PollOutcome } from './types';

/** One page of a feed read newest first. */
export interface FeedPage {
	rows: Array<FeedRow<IDataObject>>;
	/** Whether the API says more rows follow this page. */
	more: boolean;
	/** The API's count of all rows matching the query (the same query every poll). */
	total: number | undefined;
}

/**
 * Walk a newest-first feed page by page until the rows fall below the floor (nothing older can
 * be new), the feed ends, the next offset is out of the API's reach, or `enough` says the rows
 * walked explain the change of the API's row count.
 */
async function walkFeed(
	readPage: (offset: number) => Promise<FeedPage>,
	floor: number,
	maxOffset: number,
	enough: (walked: Array<FeedRow<IDataObject>>, total: number | undefined) => boolean,
): Promise<{ walked: Array<FeedRow<IDataObject>>; total: number | undefined; complete: boolean }> {
	const walked: Array<FeedRow<IDataObject>> = [];
	let offset = 0;
	let total: number | undefined;
	for (let page = 0; ; page++) {
		const answer = await readPage(offset);
		if (page === 0) total = answer.total;
		walked.push(...answer.rows);
		const oldest = answer.rows[answer.rows.length - 1];
		offset += answer.rows.length;
		if (!answer.more || answer.rows.length === 0 || oldest.at < floor || offset > maxOffset)
			return { walked, total, complete: true };
		if (enough(walked, total)) return { walked, total, complete: false };
	}
}

/**
 * The common poll of a feed: the first poll records the window and emits nothing; later polls
 * emit the rows not seen before, oldest first. The first page is read every poll; further pages
 * only while the API's row count has grown by more than the new rows found so far (and, every
 * FULL_READ_EVERY polls, down to the window's floor regardless). With nothing new: one request.
 */
export async function pollFeed(
	previous: FeedCursor | undefined,
	now: number,
	lookbackMs: number,
	readPage: (offset: number) => Promise<FeedPage>,
	maxOffset: number,
): Promise<{ items: IDataObject[]; feed: FeedCursor }> {
	// A first poll's window ends at the clock, where its watermark will be (rows stamped in the
	// future do not move it): every row it must record as seen is walked.
	const floor = previous ? feedFloor(previous, lookbackMs) : now - lookbackMs;
	const readAll =
		previous === undefined ||
		previous.total === null ||
		previous.pollsSinceFullRead + 1 >= FULL_READ_EVERY;
	const enough = (walked: Array<FeedRow<IDataObject>>, total: number | undefined) => {
		if (readAll || previous === undefined || previous.total === null || total === undefined)
			return false;
		const grown = total - previous.total;
		// Fewer rows than before: something was removed, and a removal can hide an arrival.
		return grown >= 0 && newFeedRows(previous, walked, lookbackMs).length >= grown;
	};
	const { walked, total, complete } = await walkFeed(readPage, floor, maxOffset, enough);
	const counters = {
		total: total ?? null,
		pollsSinceFullRead: readAll || complete ? 0 : (previous?.pollsSinceFullRead ?? 0) + 1,
	};
	if (!previous) return { items: [], feed: { ...startFeed(walked, now, lookbackMs), ...counters } };
	const fresh = newFeedRows(previous, walked, lookbackMs);
	return {
		items: fresh.map((r) => r.row),
		feed: { ...advanceFeed(previous, walked, lookbackMs, now), ...counters },
	};
}

export function feedOutcome(result: { items: IDataObject[]; feed: FeedCursor }): PollOutcome {
	return { items: result.items, cursor: { kind: 'feed', feed: result.feed } };
}
