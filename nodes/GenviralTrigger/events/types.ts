import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { EventCursor } from '../cursor';
import type { TriggerSettings } from '../settings';

export interface PollRun {
	ctx: IPollFunctions;
	settings: TriggerSettings;
	/** When the poll started (epoch ms). */
	now: number;
}

export interface PollOutcome {
	/** The events, oldest first; one item each. */
	items: IDataObject[];
	/** The cursor to store (only once the whole poll succeeded). */
	cursor: EventCursor;
}

/**
 * One event of the trigger. `poll` reads what changed since `previous` (undefined on the first
 * poll, which only records where things stand and reports nothing). `sample` is "Fetch Test
 * Event": the most recent matching item, undefined when there is none; it never moves a cursor.
 */
export interface TriggerEventHandler {
	/** The kind of cursor `poll` stores (a stored cursor of another kind is damaged). */
	cursorKind: EventCursor['kind'];
	poll(run: PollRun, previous: EventCursor | undefined): Promise<PollOutcome>;
	sample(run: PollRun): Promise<IDataObject | undefined>;
	/** What "Fetch Test Event" says when there is nothing to show. */
	nothingYet(settings: TriggerSettings): { message: string; description: string };
}

/** A time field as epoch ms; undefined when it is not a date the API would send. */
export function instantOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : at;
}
