import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { filtersCollection, platformsFilter, targetsFilter } from '../../descriptions/filters';
import { readParameters } from '../../helpers/parameters';
import { failValidation } from '../../helpers/validation';

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
		typeOptions: { format: 'date' },
		default: '',
		displayOptions: { show: { dateRange: ['custom'] } },
		builderHint: {
			propertyHint:
				"Only with dateRange: 'custom'. A calendar date such as '2026-03-01', or expr('{{ $now.minus({ days: 7 }).toISODate() }}'); prefer a preset dateRange ('14d', '30d', '90d') when it fits.",
		},
		description:
			'First day of the period (inclusive, a UTC date). A date-time, from an expression such as {{ $now.minus({ days: 7 }) }}, is converted to its UTC date.',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		typeOptions: { format: 'date' },
		default: '',
		displayOptions: { show: { dateRange: ['custom'] } },
		builderHint: {
			propertyHint: "Only with dateRange: 'custom'; inclusive, on or after startDate.",
		},
		description:
			'Last day of the period (inclusive, a UTC date). A date-time is converted to its UTC date.',
	},
	filtersCollection([
		platformsFilter('Only these platforms. Empty means all.'),
		targetsFilter('Only these tracked profiles. Empty means all'),
	]),
];

/** Reads and checks the filters; returns the query string both endpoints take. */
export function readAnalyticsFilters(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const values = readParameters(ctx, analyticsFilterProperties, itemIndex);
	const qs: IDataObject = {};
	if (values.dateRange === 'custom') {
		const { startDate: start, endDate: end } = values as { startDate?: string; endDate?: string };
		if (start === undefined)
			failValidation(ctx, itemIndex, 'Start Date is required with a Custom date range');
		if (end === undefined)
			failValidation(ctx, itemIndex, 'End Date is required with a Custom date range');
		if (start > end) {
			failValidation(ctx, itemIndex, `Start Date (${start}) must not be after End Date (${end})`);
		}
		qs.start = start;
		qs.end = end;
	} else {
		qs.range = values.dateRange;
	}
	const filters = (values.filters ?? {}) as { platforms?: string[]; targets?: string[] };
	if (filters.platforms?.length) qs.platforms = filters.platforms.join(',');
	if (filters.targets?.length) qs.accounts = filters.targets.join(',');
	return qs;
}
