import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { analyticsFilterProperties, readAnalyticsFilters } from './descriptions';
import { returnAllOrLimit } from '../../descriptions/pagination';
import { readParameters } from '../../helpers/parameters';
import { genviralPaginate } from '../../transport';

/** The API's page size ceiling and its offset ceiling (reference: GET /analytics/summary/posts). */
const PAGE_SIZE = 100;
const OFFSET_CAP = 10_000;
/** The most rows limit/offset can reach: the last page starts at the offset cap. */
export const MAX_REACHABLE_ROWS = OFFSET_CAP + PAGE_SIZE;

const sortByOptions: INodePropertyOptions[] = [
	{ name: 'Comments', value: 'comments' },
	{ name: 'Likes', value: 'likes' },
	{ name: 'Published At', value: 'published_at' },
	{ name: 'Shares', value: 'shares' },
	{ name: 'Views', value: 'views' },
];

const sortOrderOptions: INodePropertyOptions[] = [
	{ name: 'Descending', value: 'desc' },
	{ name: 'Ascending', value: 'asc' },
];

/** Its parameters after the shared analytics filters (which readAnalyticsFilters reads). */
const ownProperties: INodeProperties[] = [
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		options: sortByOptions,
		default: 'published_at',
		description: 'The metric or date the posts are sorted by (Published At: publication time)',
	},
	{
		displayName: 'Sort Order',
		name: 'sortOrder',
		type: 'options',
		options: sortOrderOptions,
		default: 'desc',
		description:
			'Descending puts the highest value (or the newest post) first; Ascending the lowest (or the oldest)',
	},
	...returnAllOrLimit({ maxLimit: MAX_REACHABLE_ROWS }),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return flat rows (metrics as columns, with the IDs that join them to your posts) instead of the raw API rows',
	},
];

const properties: INodeProperties[] = [...analyticsFilterProperties, ...ownProperties];

export const description = properties;

/** One flat row per post: the metrics as columns and the three correlation IDs kept. */
export function simplifyPost(row: IDataObject): IDataObject {
	const metrics = (
		typeof row.metrics === 'object' && row.metrics !== null ? row.metrics : {}
	) as IDataObject;
	return {
		analyticsId: row.analyticsId ?? row.id ?? null,
		genviralPostId: row.genviralPostId ?? null,
		externalId: row.externalId ?? null,
		platformPostId: row.platformPostId ?? null,
		platform: row.platform ?? null,
		account: row.accountIdentifier ?? null,
		publishedAt: row.publishedAt ?? null,
		permalink: row.permalink ?? null,
		caption: row.caption ?? null,
		views: metrics.views ?? null,
		likes: metrics.likes ?? null,
		comments: metrics.comments ?? null,
		shares: metrics.shares ?? null,
		saves: metrics.saves ?? null,
		engagementRate: row.engagementRate ?? null,
	};
}

/** Runs that have shown the offset-cap warning already. */
const warnedRuns = new WeakSet<IExecuteFunctions>();

/**
 * GET /analytics/summary/posts, paged with limit/offset (100 a page) while hasMore, never
 * past offset 10,000: beyond that the API cannot reach, and the node says so.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = readAnalyticsFilters(this, itemIndex);
	const { sortBy, sortOrder, returnAll, limit, simplify } = readParameters(
		this,
		ownProperties,
		itemIndex,
	);
	Object.assign(qs, { sortBy, sortOrder });

	const { rows, truncated } = await genviralPaginate.call(this, {
		style: 'offsetHasMore',
		path: '/analytics/summary/posts',
		qs,
		itemIndex,
		// Return All asks for everything: only the offset cap (reported below) stops it.
		maxItems: returnAll === true ? Number.POSITIVE_INFINITY : (limit as number),
		pageSize: PAGE_SIZE,
		offsetCap: OFFSET_CAP,
		rowsKey: 'posts',
	});
	// One warning per run, however many items reached the cap.
	if (truncated && !warnedRuns.has(this)) {
		warnedRuns.add(this);
		this.addExecutionHints({
			message: `Genviral lists at most ${MAX_REACHABLE_ROWS.toLocaleString('en-US')} posts per query (offset limit ${OFFSET_CAP.toLocaleString('en-US')}); ${truncated.fetched} of ${truncated.total ?? 'more'} matching posts were returned. Narrow the date range, or filter by platform or target, to get the rest.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	return simplify ? rows.map(simplifyPost) : rows;
}
