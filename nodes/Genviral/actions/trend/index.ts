import { defineResource } from '../node.type';
import * as getBrief from './getBrief.operation';

export const resource = defineResource(
	{ value: 'trend', name: 'Trend', description: 'What works on TikTok for a keyword right now' },
	'getBrief', {
	getBrief: {
		name: 'Get Brief',
		description:
			'Get a TikTok trend brief for a keyword: top hashtags, sounds, creators, posting windows, hook ideas, sample videos',
		action: 'Get a trend brief',
		operation: getBrief,
	},
});
