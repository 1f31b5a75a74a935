import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Statuses as the editor lists them, declared once for every place that shows them (the
 * node's filters and fields, the trigger's Statuses).
 */

/** Every status a post can have (reference 7 "Statuses"). */
export const postStatusOptions: INodePropertyOptions[] = [
	{ name: 'Canceled', value: 'canceled' },
	{ name: 'Draft', value: 'draft' },
	{ name: 'Failed', value: 'failed', description: 'Every account failed' },
	{ name: 'Partial', value: 'partial', description: 'Posted on some accounts, failed on others' },
	{ name: 'Pending', value: 'pending', description: 'Queued to publish as soon as possible' },
	{ name: 'Posted', value: 'posted', description: 'Published on every account' },
	{ name: 'Retry', value: 'retry', description: 'Queued again after a failure' },
	{ name: 'Scheduled', value: 'scheduled' },
];

/** The statuses GET /posts filters by (reference 7.2): all but `canceled`. */
export const postListStatusOptions: INodePropertyOptions[] = postStatusOptions.filter(
	(option) => option.value !== 'canceled',
);

/** A slideshow's statuses: the GET /slideshows filter and PATCH /slideshows/{id} take the same two. */
export const slideshowStatusOptions: INodePropertyOptions[] = [
	{ name: 'Draft', value: 'draft', description: 'Still being edited' },
	{ name: 'Rendered', value: 'rendered', description: 'Its images are final' },
];
