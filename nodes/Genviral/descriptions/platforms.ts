import type { INodePropertyOptions } from 'n8n-workflow';

/** The platforms analytics can track (reference: POST /analytics/targets). */
export const platformOptions: INodePropertyOptions[] = [
	{ name: 'TikTok', value: 'tiktok' },
	{ name: 'Instagram', value: 'instagram' },
	{ name: 'YouTube', value: 'youtube' },
];
