import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { readParameters } from '../Genviral/helpers/parameters';
import type { TriggerEvent } from './description';
import { DEFAULT_LOOKBACK_HOURS, triggerProperties } from './description';

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

/**
 * The trigger's settings, read through the node's one parameter reader: every check (options,
 * IDs, the window's range, context slugs) lives in the parameter's declaration.
 */
export function readSettings(ctx: IPollFunctions): TriggerSettings {
	// A poll has no items; the reader names none in its messages.
	const values = readParameters(ctx, triggerProperties, 0);
	const event = values.event as TriggerEvent;
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
	const filters = (name: string) => (values[name] ?? {}) as IDataObject;
	switch (event) {
		case 'postStatusChanged':
			settings.statuses = values.statuses as string[];
			settings.accounts = (filters('postFilters').accounts as string[] | undefined) ?? [];
			break;
		case 'newAnalyticsPost':
			settings.platforms = (filters('analyticsFilters').platforms as string[] | undefined) ?? [];
			settings.targets = (filters('analyticsFilters').targets as string[] | undefined) ?? [];
			settings.lookbackHours =
				(filters('analyticsOptions').lookbackHours as number | undefined) ?? DEFAULT_LOOKBACK_HOURS;
			break;
		case 'targetRefreshed':
			settings.targets = (filters('targetFilters').targets as string[] | undefined) ?? [];
			break;
		case 'newFile': {
			const type = filters('fileFilters').type as string | undefined;
			settings.fileType =
				type === undefined || type === 'all' ? undefined : (type as 'image' | 'video');
			const contexts = ((filters('fileFilters').context as string[] | undefined) ?? []).map(
				(context) => context.toLowerCase(),
			);
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
