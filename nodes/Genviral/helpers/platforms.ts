import type { INodePropertyOptions } from 'n8n-workflow';

/** The platforms analytics can track (reference: POST /analytics/targets). */
export const ANALYTICS_PLATFORMS = ['tiktok', 'instagram', 'youtube'] as const;
export type AnalyticsPlatform = (typeof ANALYTICS_PLATFORMS)[number];

export const platformOptions: INodePropertyOptions[] = [
	{ name: 'TikTok', value: 'tiktok' },
	{ name: 'Instagram', value: 'instagram' },
	{ name: 'YouTube', value: 'youtube' },
];
