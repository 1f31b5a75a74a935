/** Small unit tests of the trigger's cursor arithmetic (pure functions; the engine tests cover the rest). */
import {
	advanceFeed,
	feedFloor,
	fingerprintOf,
	MAX_REMEMBERED,
	newFeedRows,
	readStored,
	startFeed,
	writeStored,
} from '../../nodes/GenviralTrigger/cursor';

const row = (id: string, at: number) => ({ id, at, row: { id } });

describe('trigger cursor', () => {
	test('the fingerprint ignores the order of list filters and tells events apart', () => {
		expect(fingerprintOf('newFile', { targets: ['b', 'a'] })).toBe(
			fingerprintOf('newFile', { targets: ['a', 'b'] }),
		);
		expect(fingerprintOf('newFile', { targets: [] })).not.toBe(
			fingerprintOf('targetRefreshed', { targets: [] }),
		);
		expect(fingerprintOf('newFile', { type: 'image' })).not.toBe(
			fingerprintOf('newFile', { type: 'video' }),
		);
	});

	test('a stored cursor of other filters or another version is not used', () => {
		const staticData: Record<string, unknown> = {};
		const cursor = { kind: 'feed' as const, feed: startFeed([row('a', 1000)], 1000, 0) };
		writeStored(staticData, 'f1', cursor);
		expect(readStored(staticData, 'f1', 'feed')).toEqual({ cursor });
		expect(readStored(staticData, 'f2', 'feed')).toEqual({});
		(staticData.cursor as { version: number }).version = 99;
		expect(readStored(staticData, 'f1', 'feed')).toEqual({});
	});

	test('every cursor this version writes validates; a damaged one names its first wrong field', () => {
		const cursors = [
			{ kind: 'feed' as const, feed: { ...startFeed([row('a', 1000)], 2000, 500), total: 1 } },
			{
				kind: 'posts' as const,
				posts: {
					posts: [
						['p', 'posted', 5, '2026-01-01T00:00:05.000Z', ['posted', '2026-01-01T00:00:05.000Z']],
						['q', 'draft', 4, null, null],
					] as never,
					counts: { '#total': 2, posted: 1 },
					pollsSinceFullRead: 3,
				},
			},
			{
				kind: 'targets' as const,
				targets: {
					targets: [
						['t', '2026-01-01T00:00:00.000Z'],
						['u', null],
					] as Array<[string, string | null]>,
					forgottenUpTo: null,
				},
			},
		];
		for (const cursor of cursors) {
			const staticData: Record<string, unknown> = {};
			writeStored(staticData, 'f', cursor);
			expect(readStored(staticData, 'f', cursor.kind)).toEqual({ cursor });
		}
		const staticData: Record<string, unknown> = {};
		writeStored(staticData, 'f', cursors[1]);
		(
			(staticData.cursor as { cursor: { posts: { posts: unknown[][] } } }).cursor.posts
				.posts[1] as unknown[]
		)[4] = 'posted';
		expect(readStored(staticData, 'f', 'posts')).toEqual({
			damaged: 'cursor.cursor.posts.posts[1]',
		});
		expect(readStored(staticData, 'f', 'feed')).toEqual({ damaged: 'cursor.cursor.kind' });
		expect(readStored({ cursor: 'x' }, 'f', 'feed')).toEqual({
			damaged: 'cursor is not an object',
		});
		const tooMany = {
			kind: 'feed' as const,
			feed: {
				...startFeed([], 0, 0),
				seen: Array.from({ length: MAX_REMEMBERED + 1 }, (_v, i): [string, number] => [`r${i}`, i]),
			},
		};
		writeStored(staticData, 'f', tooMany);
		expect(readStored(staticData, 'f', 'feed')).toEqual({ damaged: 'cursor.cursor.feed.seen' });
	});

	test('new rows: unseen, inside the window, each once, oldest first', () => {
		const cursor = startFeed([row('a', 100), row('b', 200)], 200, 50);
		expect(feedFloor(cursor, 50)).toBe(150);
		const fresh = newFeedRows(
			cursor,
			[row('c', 300), row('b', 200), row('d', 160), row('c', 300), row('e', 120)],
			50,
		);
		expect(fresh.map((r) => r.id)).toEqual(['d', 'c']);
	});

	test('at the cap, whole instants are forgotten together and never come back as new', () => {
		const rows = Array.from({ length: MAX_REMEMBERED + 10 }, (_v, i) =>
			row(`r${i}`, 1000 + Math.floor(i / 2)),
		);
		const cursor = startFeed(rows, 0, 1_000_000);
		expect(cursor.seen.length).toBeLessThanOrEqual(MAX_REMEMBERED);
		const cut = cursor.forgottenUpTo!;
		expect(cursor.seen.every(([, at]) => at > cut)).toBe(true);
		expect(newFeedRows(cursor, rows, 1_000_000)).toEqual([]);
		expect(newFeedRows(cursor, [row('late', cut)], 1_000_000)).toEqual([]);
		expect(newFeedRows(cursor, [row('next', cut + 1)], 1_000_000).map((r) => r.id)).toEqual([
			'next',
		]);
	});

	test('advancing keeps JSON-only values and drops rows below the window', () => {
		const cursor = advanceFeed(startFeed([row('a', 100)], 100, 10), [row('b', 500)], 10, 500);
		expect(cursor.watermark).toBe(500);
		expect(cursor.seen).toEqual([['b', 500]]);
		expect(JSON.parse(JSON.stringify(cursor))).toEqual(cursor);
	});
});
