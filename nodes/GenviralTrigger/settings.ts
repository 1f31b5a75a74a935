import type { IDataObject, INodePropertyOptions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { platformOptions } from '../Genviral/descriptions/platforms';
import { isUuid } from '../Genviral/helpers/validation';
import type { TriggerEvent } from './description';
import {
	DEFAULT_LOOKBACK_HOURS,
	DEFAULT_POST_STATUSES,
	eventOptions,
	fileTypeOptions,
	MAX_LOOKBACK_HOURS,
	postStatusOptions,
} from './description';

/** The trigger's parameters, checked (values can come from expressions). */
export interface TriggerSettings {
	event: TriggerEvent;
	/** Post Status Changed. */
	statuses: string[];
	accounts: string[];
	/** New Post on a Tracked Profile, Analytics Target Refreshed. */
	targets: string[];
	platforms: string[];
	lookbackHours: number;
	/** New File. */
	fileType: 'image' | 'video' | undefined;
	fileContext: string | undefined;
}

/** A file context: a lower-case slug (`ai-studio`, `media-upload`) or `all`. */
const CONTEXT = /^[a-z0-9][a-z0-9_-]*$/;

export function readSettings(ctx: IPollFunctions): TriggerSettings {
	const fail = (message: string, description?: string): never => {
		throw new NodeOperationError(ctx.getNode(), message, { description });
	};
	const names = (options: INodePropertyOptions[]) => options.map((o) => o.name).join(', ');
	const oneOf = (label: string, value: unknown, options: INodePropertyOptions[]): string => {
		if (!options.some((o) => o.value === value)) fail(`${label}: "${String(value)}" is not one of ${names(options)}`);
		return value as string;
	};
	/** A list from a multi-select, or from an expression (a list, or comma-separated text). */
	const list = (label: string, value: unknown): string[] => {
		if (value === undefined || value === null || value === '') return [];
		const values = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : fail(`${label} must be a list`);
		return values.map((v) => (typeof v === 'string' ? v.trim() : fail(`${label} must be a list of texts`))).filter((v) => v !== '');
	};
	const ids = (label: string, value: unknown): string[] => {
		const values = list(label, value);
		for (const id of values) if (!isUuid(id)) fail(`${label}: "${id}" is not a valid ID (a UUID)`);
		return values;
	};

	const event = oneOf('Event', ctx.getNodeParameter('event', 'postStatusChanged'), eventOptions) as TriggerEvent;
	const settings: TriggerSettings = {
		event,
		statuses: [],
		accounts: [],
		targets: [],
		platforms: [],
		lookbackHours: DEFAULT_LOOKBACK_HOURS,
		fileType: undefined,
		fileContext: undefined,
	};
	switch (event) {
		case 'postStatusChanged': {
			settings.statuses = list('Statuses', ctx.getNodeParameter('statuses', DEFAULT_POST_STATUSES)).map((s) =>
				oneOf('Statuses', s, postStatusOptions),
			);
			if (settings.statuses.length === 0) fail('Statuses: choose at least one status');
			const filters = ctx.getNodeParameter('postFilters', {}) as IDataObject;
			settings.accounts = ids('Filters → Account Names or IDs', filters.accounts);
			break;
		}
		case 'newAnalyticsPost': {
			const filters = ctx.getNodeParameter('analyticsFilters', {}) as IDataObject;
			settings.platforms = list('Filters → Platforms', filters.platforms).map((p) => oneOf('Filters → Platforms', p, platformOptions));
			settings.targets = ids('Filters → Target Names or IDs', filters.targets);
			const options = ctx.getNodeParameter('analyticsOptions', {}) as IDataObject;
			const hours = options.lookbackHours ?? DEFAULT_LOOKBACK_HOURS;
			if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > MAX_LOOKBACK_HOURS) {
				fail(`Options → Late Posts Window (Hours) must be a number from 0 to ${MAX_LOOKBACK_HOURS}`);
			}
			settings.lookbackHours = hours as number;
			break;
		}
		case 'targetRefreshed': {
			const filters = ctx.getNodeParameter('targetFilters', {}) as IDataObject;
			settings.targets = ids('Filters → Target Names or IDs', filters.targets);
			break;
		}
		case 'newFile': {
			const filters = ctx.getNodeParameter('fileFilters', {}) as IDataObject;
			const type = filters.type === undefined || filters.type === '' ? 'all' : oneOf('Filters → Type', filters.type, fileTypeOptions);
			settings.fileType = type === 'all' ? undefined : (type as 'image' | 'video');
			const contexts = list('Filters → Context', filters.context).map((c) => c.toLowerCase());
			for (const context of contexts) {
				if (!CONTEXT.test(context)) {
					fail(`Filters → Context: "${context}" is not a context`, 'Use a context such as ai-studio or media-upload, a comma-separated list, or "all".');
				}
			}
			settings.fileContext = contexts.length === 0 ? undefined : contexts.join(',');
			break;
		}
	}
	return settings;
}

/** The filters that decide what the trigger reports: a change of any of them starts afresh. */
export function filtersOf(settings: TriggerSettings): Record<string, unknown> {
	switch (settings.event) {
		case 'postStatusChanged':
			return { statuses: settings.statuses, accounts: settings.accounts };
		case 'newAnalyticsPost':
			return { platforms: settings.platforms, targets: settings.targets };
		case 'targetRefreshed':
			return { targets: settings.targets };
		case 'newFile':
			return { type: settings.fileType ?? null, context: settings.fileContext ?? null };
	}
}
