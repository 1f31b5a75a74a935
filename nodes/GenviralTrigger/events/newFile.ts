import type { IDataObject } from 'n8n-workflow';

import { expectArray, expectObject, genviralApiRequest } from '../../Genviral/transport';
import type { FeedRow } from '../cursor';
import type { FeedPage } from './feedWalk';
import { feedOutcome, pollFeed } from './feedWalk';
import type { PollRun, TriggerEventHandler } from './types';
import { instantOf } from './types';

const PATH = '/files';
const ENDPOINT = `GET ${PATH}`;

/**
 * What the reference leaves open about files, guessed in one place:
 * - `newestFirst`: GET /files lists the newest files first (the order is not documented);
 * - `lateMs`: a file uploaded through POST /files is listed once its bytes are stored, with the
 *   `createdAt` of the upload request; the signed upload URL is valid 600 s, so a file can
 *   appear up to that long after newer ones. The trigger reads that far back (plus a margin).
 */
export const INFERRED_FILE_FEED = {
	newestFirst: true,
	lateMs: 15 * 60_000,
} as const;

/** Reference: limit 1-100; offset has no documented ceiling. */
const PAGE_SIZE = 100;

function filterQuery(run: PollRun): IDataObject {
	const qs: IDataObject = {};
	if (run.settings.fileType !== undefined) qs.type = run.settings.fileType;
	if (run.settings.fileContext !== undefined) qs.context = run.settings.fileContext;
	return qs;
}

async function readRows(run: PollRun, qs: IDataObject): Promise<FeedPage> {
	const data = expectObject(
		run.ctx,
		await genviralApiRequest.call(run.ctx, { method: 'GET', path: PATH, qs }),
		ENDPOINT,
		undefined,
	);
	const files = expectArray(run.ctx, data.files, ENDPOINT, undefined, 'files');
	const rows: Array<FeedRow<IDataObject>> = [];
	for (const file of files) {
		const at = instantOf(file.createdAt);
		if (typeof file.id !== 'string' || at === undefined) continue;
		rows.push({ id: file.id, at, row: file });
	}
	const offset = typeof data.offset === 'number' ? data.offset : Number(qs.offset ?? 0);
	const more =
		typeof data.total === 'number' ? offset + files.length < data.total : files.length === qs.limit;
	return { rows, more, total: typeof data.total === 'number' ? data.total : undefined };
}

/** New File: files not seen before, from GET /files (newest first). */
export const newFile: TriggerEventHandler = {
	cursorKind: 'feed',

	async poll(run, previous) {
		const feed = previous?.kind === 'feed' ? previous.feed : undefined;
		const result = await pollFeed(
			feed,
			run.now,
			INFERRED_FILE_FEED.lateMs,
			async (offset) => await readRows(run, { ...filterQuery(run), limit: PAGE_SIZE, offset }),
			Number.POSITIVE_INFINITY,
		);
		return feedOutcome(result);
	},

	async sample(run) {
		const { rows } = await readRows(run, { ...filterQuery(run), limit: 1, offset: 0 });
		return rows[0]?.row;
	},

	nothingYet: () => ({
		message: 'No file found (with the current filters)',
		description:
			'Upload a file (Genviral node: File → Upload) or generate one in Studio (Context: ai-studio), then fetch again.',
	}),
};
