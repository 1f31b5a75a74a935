import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { platformsFilter, targetsFilter } from '../Genviral/descriptions/filters';
import { postStatusOptions } from '../Genviral/descriptions/statuses';

export type TriggerEvent = 'postStatusChanged' | 'newAnalyticsPost' | 'targetRefreshed' | 'newFile';

export const eventOptions: INodePropertyOptions[] = [
	{
		name: 'Analytics Target Refreshed',
		value: 'targetRefreshed',
		description: "A tracked profile's analytics were refreshed (its last refresh time moved)",
	},
	{
		name: 'New File',
		value: 'newFile',
		description: 'A file appeared in the media library (uploads, Studio outputs, ...)',
	},
	{
		name: 'New Post on a Tracked Profile',
		value: 'newAnalyticsPost',
		description:
			'A new post shows up in the analytics of a tracked profile (yours, a client or a competitor)',
	},
	{
		name: 'Post Status Changed',
		value: 'postStatusChanged',
		description: 'One of your posts reached one of the chosen statuses (e.g. Posted or Failed)',
	},
];

/** Declared with the node's own post statuses; settings and events read it from here. */
export { postStatusOptions };

export const DEFAULT_POST_STATUSES = ['posted', 'failed', 'partial'];

export const fileTypeOptions: INodePropertyOptions[] = [
	{ name: 'All', value: 'all' },
	{ name: 'Image', value: 'image' },
	{ name: 'Video', value: 'video' },
];

export const DEFAULT_LOOKBACK_HOURS = 48;
export const MAX_LOOKBACK_HOURS = 24 * 30;

const show = (event: TriggerEvent) => ({ show: { event: [event] } });

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		required: true,
		options: eventOptions,
		default: 'postStatusChanged',
		description:
			'What starts the workflow. The Partner API has no webhooks: the trigger polls on the schedule above and emits one item per event.',
	},
	{
		displayName:
			'The first poll after activation only records where things stand; later polls emit what changed since. Changing the event or a filter starts afresh.',
		name: 'firstPollNotice',
		type: 'notice',
		default: '',
	},

	// Post Status Changed
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: postStatusOptions,
		default: ['posted', 'failed', 'partial'],
		typeOptions: { minItems: 1 },
		required: true,
		displayOptions: show('postStatusChanged'),
		description:
			'Emit a post when it reaches one of these statuses. Posted, Failed and Partial are the ends of publishing.',
	},
	{
		displayName: 'Filters',
		name: 'postFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('postStatusChanged'),
		options: [
			{
				displayName: 'Account Names or IDs',
				name: 'accounts',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getAccounts', format: 'idList' },
				default: [],
				description:
					'Only posts sent to at least one of these accounts (connected or hosted accounts, from Get Many Accounts). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},

	// New Post on a Tracked Profile
	{
		displayName: 'Filters',
		name: 'analyticsFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('newAnalyticsPost'),
		options: [
			platformsFilter('Only posts on these platforms'),
			targetsFilter('Only posts of these tracked profiles (analytics targets)'),
		],
	},
	{
		displayName: 'Options',
		name: 'analyticsOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show('newAnalyticsPost'),
		options: [
			{
				displayName: 'Late Posts Window (Hours)',
				name: 'lookbackHours',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: MAX_LOOKBACK_HOURS },
				default: DEFAULT_LOOKBACK_HOURS,
				description:
					'Posts reach analytics when their profile is refreshed, often hours after they were published. Posts published up to this many hours before the newest one seen (one dated in the future, such as a scheduled premiere, counts as published now) are still reported (once). A larger window costs more requests per poll when many posts fall inside it.',
			},
		],
	},

	// Analytics Target Refreshed
	{
		displayName: 'Filters',
		name: 'targetFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('targetRefreshed'),
		options: [targetsFilter('Only these tracked profiles (analytics targets)')],
	},

	// New File
	{
		displayName: 'Filters',
		name: 'fileFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('newFile'),
		options: [
			{
				displayName: 'Context',
				name: 'context',
				type: 'string',
				default: '',
				// A file context: a slug (`ai-studio`, `media-upload`) or `all`, compared in lower case.
				typeOptions: {
					format: 'textList',
					entryPattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$',
					entryHint: 'a context such as ai-studio or media-upload (or "all")',
				},
				placeholder: 'ai-studio,media-upload',
				description:
					'Where files come from: empty for files uploaded through the Partner API, one context (e.g. ai-studio for Studio outputs), a comma-separated list, or "all"',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: fileTypeOptions,
				default: 'all',
				description: 'Only images or only videos',
			},
		],
	},
];
