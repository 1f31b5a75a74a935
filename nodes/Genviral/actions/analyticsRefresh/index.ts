import { defineResource } from '../node.type';
import * as get from './get.operation';

export const { operations, description } = defineResource('analyticsRefresh', 'get', {
	get: {
		name: 'Get',
		description: 'Get the status of a refresh: pending, processing, completed or failed',
		action: 'Get an analytics refresh',
		operation: get,
	},
});
