import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { accountsProperty } from '../../descriptions/accounts';
import { readParameters } from '../../helpers/parameters';
import { expectObject, genviralApiRequest } from '../../transport';
import { digestOf, itemRunOf } from '../../transport/itemMemory';
import {
	captionProperty,
	checkPlatformObjects,
	MAX_ACCOUNTS,
	mediaAndScheduleProperties,
	musicUrlOption,
	pinterestObject,
	pinterestSettingsProperty,
	providerSettingsObject,
	providerSettingsOption,
	tiktokObject,
	tiktokSettingsProperty,
	videoDurationOption,
} from './fields';
import { buildMedia, checkTextOnly } from './media';
import { itemsPerAccount, outputProperty } from './perAccount';
import { publishWaitProperties, waitForPublish } from './wait';

const accounts = accountsProperty({
	description: `The accounts to publish to (1 to ${MAX_ACCOUNTS}), from Account → Get Many.`,
	maxCount: MAX_ACCOUNTS,
});

const properties: INodeProperties[] = [
	accounts,
	captionProperty,
	...mediaAndScheduleProperties(),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				typeOptions: { maxLength: 128 },
				builderHint: {
					propertyHint:
						'Leave empty: the default is unique per item, loop iteration and execution, and the same on retries, so nothing is published twice. Set it only to deduplicate across executions (e.g. one post per source row ID); never from $now or a random value.',
				},
				description:
					'Your idempotency key for this post (at most 128 characters): sending the same key with the same content again returns the first post instead of publishing twice. Default: one made of the n8n instance, workflow, execution, node, run and item, so retries of this item never post twice while every loop iteration and execution posts anew.',
			},
			musicUrlOption,
			providerSettingsOption,
			videoDurationOption,
		],
	},
	tiktokSettingsProperty,
	pinterestSettingsProperty,
	...publishWaitProperties,
	outputProperty,
];

export const description = properties;

/** Reference 7: an external ID is at most 128 characters. */
const MAX_EXTERNAL_ID_LENGTH = 128;

/**
 * The default external ID: `n8n-<instance and workflow digest>-<execution>-<node>-<run>-<item>`.
 * The same for every try of the same item in the same run of the node (the transport's retries
 * and n8n's Retry On Fail replay the post instead of publishing it again); different for each
 * run of the node (each iteration of Loop Over Items is item 0 of a new run), each execution,
 * and each workflow and n8n instance (two instances, or one whose database was reset, reuse
 * execution IDs).
 */
export function defaultExternalId(ctx: IExecuteFunctions, itemIndex: number): string {
	const run = itemRunOf(ctx, itemIndex);
	const readable = `n8n-${digestOf([run.instanceId, run.workflowId], 10)}-${run.executionId}-${run.nodeId}-${run.runIndex}-${run.itemIndex}`;
	// Execution and node IDs are short in practice; should they not be, a digest keeps the key whole.
	return readable.length <= MAX_EXTERNAL_ID_LENGTH
		? readable
		: `n8n-${digestOf([run.instanceId, run.workflowId, run.executionId, run.nodeId, String(run.runIndex), String(itemIndex)], 40)}`;
}

/**
 * POST /posts. Publishing is visible work: the request is only ever sent again (by the
 * transport's retry rules) because it always carries an external ID, which makes Genviral
 * answer a repeat with the first post (`duplicate: true`) rather than a second one.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const values = readParameters(this, properties, itemIndex);
	const accountIds = values[accounts.name] as string[];
	const additional = (values.additionalFields ?? {}) as IDataObject;

	const tiktok = tiktokObject(values.tiktokSettings as IDataObject | undefined);
	const pinterest = pinterestObject(values.pinterestSettings as IDataObject | undefined);
	checkPlatformObjects(this, tiktok, pinterest, itemIndex);
	const settings = providerSettingsObject(additional.providerSettings);
	const caption = (values.caption as string | undefined) ?? '';
	checkTextOnly(this, values.postMedia as string, caption, itemIndex);

	// Media last: binary media is uploaded, and nothing should be uploaded for a post that fails a check above.
	const media = await buildMedia(
		this,
		values,
		additional.videoDuration as number | undefined,
		itemIndex,
		'',
	);
	const externalId =
		(additional.externalId as string | undefined) ?? defaultExternalId(this, itemIndex);

	const body: IDataObject = { caption, accounts: accountIds.map((id) => ({ id })) };
	if (media !== null) body.media = media;
	if (values.schedule === 'at') body.scheduled_at = values.scheduledAt;
	body.external_id = externalId;
	if (additional.musicUrl !== undefined) body.music_url = additional.musicUrl;
	if (tiktok) body.tiktok = tiktok;
	if (pinterest) body.pinterest = pinterest;
	if (settings) body.settings = settings;

	let data: IDataObject;
	try {
		data = expectObject(
			this,
			// The external ID makes a resend a replay, so the transport may retry; a retried item
			// (Retry On Fail) gets its post back without sending it again.
			await genviralApiRequest.call(this, {
				method: 'POST',
				path: '/posts',
				body,
				itemIndex,
				retry: 'idempotent',
				spends: { kind: 'publish' },
			}),
			'POST /posts',
			itemIndex,
		);
	} catch (error) {
		throw explainConflict(error, externalId, additional.externalId === undefined);
	}
	const created: IDataObject = {
		...data,
		warnings: Array.isArray(data.warnings) ? data.warnings : [],
		duplicate: data.duplicate === true,
		external_id: externalId,
	};
	const perAccount = values.output === 'account';
	if (values.waitForPublish !== true)
		return perAccount ? await itemsPerAccount(this, itemIndex, created, accountIds) : created;
	// Per account, a post that failed everywhere is items to branch on (each with its error), not an error.
	const post = await waitForPublish(this, itemIndex, created, values, {
		failWhenFailed: !perAccount,
	});
	return perAccount ? await itemsPerAccount(this, itemIndex, post) : post;
}

/** 409 create_failed: the external ID was used before, for a post with other content. */
function explainConflict(error: unknown, externalId: string, isDefault: boolean): unknown {
	if (
		!(error instanceof NodeApiError) ||
		error.httpCode !== '409' ||
		error.context.errorCode !== 'create_failed'
	)
		return error;
	error.description = [
		`External ID "${externalId}" was already used for a post with different content, so Genviral refused to create another one (it would otherwise replay the first post).`,
		isDefault
			? 'The default External ID is the same for every retry of this item in this run of the node: the content changed between attempts (e.g. a caption or time computed from $now). Make the content stable, or set your own External ID.'
			: 'Use a new External ID for a new post, or send exactly the same content to get the existing post back.',
		error.description ?? '',
	]
		.filter((part) => part !== '')
		.join(' ');
	return error;
}
