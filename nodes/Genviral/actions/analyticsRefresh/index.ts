import { defineResource } from '../node.type';
import * as get from './get.operation';

export const resource = defineResource(
	{ value: 'analyticsRefresh', name: 'Analytics Refresh', description: 'A run that fetches fresh numbers for a tracked profile' },
	'get', {
	get: {
		name: 'Get',
		description: 'Get the status of a refresh: pending, processing, completed or failed',
		action: 'Get an analytics refresh',
		operation: get,
	},
});
