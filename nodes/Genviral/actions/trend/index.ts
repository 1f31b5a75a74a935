import { endpoint } from '../endpoint';
import { defineResource } from '../node.type';
import { trendBriefProperties } from './properties';

/**
 * GET /trends/brief (TikTok only): top hashtags, sounds, creators and posting windows for a
 * keyword, with recommendations and sample videos. Genviral caches a brief about 3 hours.
 */
const getBrief = endpoint({
	method: 'GET',
	path: '/trends/brief',
	properties: trendBriefProperties,
	query: ['keyword', 'range', ['limit', 'sampleVideos']],
	// The brief exists for TikTok only; the API still wants it said.
	fixed: { query: { platform: 'tiktok' } },
	output: { kind: 'object' },
});

export const resource = defineResource(
	{ value: 'trend', name: 'Trend', description: 'What works on TikTok for a keyword right now' },
	'getBrief',
	{
		getBrief: {
			name: 'Get Brief',
			description:
				'Get a TikTok trend brief for a keyword: top hashtags, sounds, creators, posting windows, hook ideas, sample videos',
			action: 'Get a trend brief',
			reference: 'GET /trends/brief',
			operation: getBrief,
		},
	},
);
