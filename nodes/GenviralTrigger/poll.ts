import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fingerprintOf, readStored, writeStored } from './cursor';
import type { TriggerEvent } from './description';
import { newAnalyticsPost } from './events/newAnalyticsPost';
import { newFile } from './events/newFile';
import { postStatusChanged } from './events/postStatusChanged';
import { targetRefreshed } from './events/targetRefreshed';
import type { PollRun, TriggerEventHandler } from './events/types';
import { filtersOf, readSettings } from './settings';

const HANDLERS: Record<TriggerEvent, TriggerEventHandler> = {
	postStatusChanged,
	newAnalyticsPost,
	targetRefreshed,
	newFile,
};

/**
 * One poll of the Genviral Trigger.
 * - "Fetch Test Event" in the editor (manual mode): the most recent matching item, or an error
 *   that says there is none; the cursor is not touched.
 * - Active workflow: the first poll (or the first after the event or a filter changed) records
 *   where things stand and emits nothing; later polls emit what happened since, one item per
 *   event, oldest first. The cursor is written only when the whole poll succeeded, so a failed
 *   poll (its error reported by n8n) is caught up by the next one. A stored cursor that does
 *   not validate (damaged static data) is dropped and logged, and the poll starts afresh.
 */
export async function pollGenviral(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this);
	const handler = HANDLERS[settings.event];
	const run: PollRun = { ctx: this, settings, now: Date.now() };

	if (this.getMode() === 'manual') {
		const sample = await handler.sample(run);
		if (sample === undefined) {
			const { message, description } = handler.nothingYet(settings);
			throw new NodeOperationError(this.getNode(), message, { description });
		}
		return [this.helpers.returnJsonArray([sample])];
	}

	const staticData = this.getWorkflowStaticData('node') as IDataObject;
	const fingerprint = fingerprintOf(settings.event, filtersOf(settings));
	const stored = readStored(staticData, fingerprint, handler.cursorKind);
	if (stored.damaged !== undefined) {
		// Unusable: dropped at once, so it is reported once (not again by every poll until one
		// succeeds), and this poll starts afresh like a first one.
		delete staticData.cursor;
		this.logger.warn(
			`Genviral Trigger: the stored cursor is damaged (${stored.damaged}); starting afresh: this poll records where things stand and reports nothing`,
			{ workflowId: this.getWorkflow().id, node: this.getNode().name },
		);
	}
	const { items, cursor } = await handler.poll(run, stored.cursor);
	writeStored(staticData, fingerprint, cursor);
	return items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
}
