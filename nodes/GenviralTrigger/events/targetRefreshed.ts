import type { IDataObject } from 'n8n-workflow';

import { expectArray, expectObject, genviralApiRequest } from '../../Genviral/transport';
import type { TargetsCursor } from '../cursor';
import { MAX_REMEMBERED } from '../cursor';
import type { PollRun, TriggerEventHandler } from './types';
import { instantOf } from './types';

const PATH = '/analytics/targets';
const ENDPOINT = `GET ${PATH}`;

/** Every target of the scope (the list is not paginated), narrowed to the chosen ones. */
async function readTargets(run: PollRun): Promise<IDataObject[]> {
	const data = expectObject(
		run.ctx,
		await genviralApiRequest.call(run.ctx, { method: 'GET', path: PATH }),
		ENDPOINT,
		undefined,
	);
	const targets = expectArray(run.ctx, data.targets, ENDPOINT, undefined, 'targets').filter(
		(t) => typeof t.id === 'string',
	);
	const chosen = run.settings.targets.map((id) => id.toLowerCase());
	return chosen.length === 0
		? targets
		: targets.filter((t) => chosen.includes(String(t.id).toLowerCase()));
}

const refreshedAt = (target: IDataObject): string | null =>
	typeof target.last_refreshed_at === 'string' && instantOf(target.last_refreshed_at) !== undefined
		? target.last_refreshed_at
		: null;

/**
 * Analytics Target Refreshed: a target whose `last_refreshed_at` moved since the last poll (or
 * a target added since then that was already refreshed). One request per poll.
 */
export const targetRefreshed: TriggerEventHandler = {
	cursorKind: 'targets',

	async poll(run, previous) {
		const targets = await readTargets(run);
		const before = previous?.kind === 'targets' ? previous.targets : undefined;
		const known = new Map(before?.targets ?? []);
		const items: IDataObject[] = [];
		if (before) {
			const forgotten = instantOf(before.forgottenUpTo) ?? Number.NEGATIVE_INFINITY;
			for (const target of targets) {
				const now = refreshedAt(target);
				if (now === null) continue;
				const id = String(target.id);
				if (known.has(id)) {
					const was = known.get(id) ?? null;
					if (was !== null && instantOf(was) === instantOf(now)) continue;
					items.push({ ...target, previous_refreshed_at: was });
				} else if ((instantOf(now) as number) > forgotten) {
					items.push({ ...target, previous_refreshed_at: null });
				}
			}
			items.sort(
				(a, b) =>
					(instantOf(a.last_refreshed_at) as number) - (instantOf(b.last_refreshed_at) as number),
			);
		}

		// Remember every listed target; beyond the cap, the least recently refreshed are
		// forgotten and their refreshes up to then are not reported again.
		let remembered: Array<[string, string | null]> = targets.map((t) => [
			String(t.id),
			refreshedAt(t),
		]);
		let forgottenUpTo = before?.forgottenUpTo ?? null;
		if (remembered.length > MAX_REMEMBERED) {
			const time = (entry: [string, string | null]) =>
				instantOf(entry[1]) ?? Number.NEGATIVE_INFINITY;
			remembered.sort((a, b) => time(b) - time(a));
			const dropped = remembered.slice(MAX_REMEMBERED);
			remembered = remembered.slice(0, MAX_REMEMBERED);
			const newestDropped = dropped.reduce(
				(newest, entry) => Math.max(newest, time(entry)),
				Number.NEGATIVE_INFINITY,
			);
			if (Number.isFinite(newestDropped)) {
				const previousForgotten = instantOf(forgottenUpTo) ?? Number.NEGATIVE_INFINITY;
				forgottenUpTo = new Date(Math.max(previousForgotten, newestDropped)).toISOString();
			}
		}
		const cursor: TargetsCursor = { targets: remembered, forgottenUpTo };
		return { items, cursor: { kind: 'targets', targets: cursor } };
	},

	async sample(run) {
		const refreshed = (await readTargets(run)).filter((t) => refreshedAt(t) !== null);
		refreshed.sort(
			(a, b) =>
				(instantOf(b.last_refreshed_at) as number) - (instantOf(a.last_refreshed_at) as number),
		);
		return refreshed[0] ? { ...refreshed[0], previous_refreshed_at: null } : undefined;
	},

	nothingYet: () => ({
		message: 'No tracked profile has been refreshed yet (with the current filters)',
		description:
			'Refresh a tracked profile (Genviral node: Analytics Target → Refresh), then fetch again. The trigger reports each later refresh.',
	}),
};
