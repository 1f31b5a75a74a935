import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ANALYTICS_PLATFORMS, platformOptions } from './platforms';
import { failValidation, isUuid, isoDate, listOf, valuesOf } from './validation';

/**
 * The filters both summary endpoints share (GET /analytics/summary and
 * GET /analytics/summary/posts): date range, platforms, targets. Declared once here and
 * added to each operation's description with its displayOptions.
 */
const dateRangeOptions: INodePropertyOptions[] = [
	{ name: 'All Time', value: 'all' },
	{ name: 'Custom', value: 'custom', description: 'Between a start and an end date' },
	{ name: 'Last 14 Days', value: '14d' },
	{ name: 'Last 30 Days', value: '30d' },
	{ name: 'Last 90 Days', value: '90d' },
	{ name: 'Last Year', value: '1y' },
];

/** The presets the API takes as `range`; Custom sends start and end instead. */
const DATE_RANGES = valuesOf(dateRangeOptions).filter((value) => value !== 'custom');

export const analyticsFilterProperties: INodeProperties[] = [
	{
		displayName: 'Date Range',
		name: 'dateRange',
		type: 'options',
		options: dateRangeOptions,
		default: '30d',
		description: 'Period of the posts to aggregate, by publication date',
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { dateRange: ['custom'] } },
		description: 'First day of the period (inclusive, UTC)',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { dateRange: ['custom'] } },
		description: 'Last day of the period (inclusive, UTC)',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Platforms',
				name: 'platforms',
				type: 'multiOptions',
				options: platformOptions,
				default: [],
				description: 'Only these platforms. Empty means all.',
			},
			{
				displayName: 'Target Names or IDs',
				name: 'targets',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTargets' },
				default: [],
				description:
					'Only these tracked profiles. Empty means all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

/** Reads and checks the filters; returns the query string both endpoints take. */
export function readAnalyticsFilters(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const qs: IDataObject = {};
	const range = ctx.getNodeParameter('dateRange', itemIndex, '30d') as unknown;
	if (range === 'custom') {
		const start = isoDate(ctx, ctx.getNodeParameter('startDate', itemIndex, ''), 'Start Date', itemIndex);
		const end = isoDate(ctx, ctx.getNodeParameter('endDate', itemIndex, ''), 'End Date', itemIndex);
		if (start > end) {
			failValidation(ctx, itemIndex, `Start Date (${start}) must not be after End Date (${end})`);
		}
		qs.start = start;
		qs.end = end;
	} else if (typeof range === 'string' && DATE_RANGES.includes(range)) {
		qs.range = range;
	} else {
		failValidation(
			ctx,
			itemIndex,
			`Date Range must be one of ${DATE_RANGES.join(', ')} or custom; got ${JSON.stringify(range)}`,
		);
	}

	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const rawPlatforms = Array.isArray(filters.platforms)
		? filters.platforms.map((p) => (typeof p === 'string' ? p.toLowerCase() : p))
		: typeof filters.platforms === 'string'
			? filters.platforms.toLowerCase()
			: filters.platforms;
	const platforms = listOf(ctx, rawPlatforms, 'Platforms', itemIndex, ANALYTICS_PLATFORMS);
	if (platforms.length > 0) qs.platforms = platforms.join(',');
	const targets = listOf(ctx, filters.targets, 'Target Names or IDs', itemIndex, isUuid);
	if (targets.length > 0) qs.accounts = targets.map((t) => t.toLowerCase()).join(',');
	return qs;
}
