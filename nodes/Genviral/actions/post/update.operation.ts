import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { accountsProperty } from '../../descriptions/accounts';
import { readParameters } from '../../helpers/parameters';
import { failValidation } from '../../helpers/validation';
import { expectObject, genviralApiRequest } from '../../transport';
import {
	checkPlatformObjects,
	MAX_ACCOUNTS,
	pinterestObject,
	postIdProperty,
	providerSettingsObject,
	tiktokObject,
	updateFieldOptions,
} from './fields';
import { buildMedia, checkTextOnly } from './media';

const accountsOption = accountsProperty({
	description: `Replace every account of the post (1 to ${MAX_ACCOUNTS}), from Account → Get Many.`,
	maxCount: MAX_ACCOUNTS,
});

const updateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	typeOptions: {
		notEmpty: true,
		setOrClear: [
			{ set: ['musicUrl'], clear: 'removeMusic' },
			{ set: ['tiktokSettings'], clear: 'removeTiktok' },
			{ set: ['pinterestSettings'], clear: 'removePinterest' },
		],
	},
	options: updateFieldOptions(accountsOption),
};

const properties: INodeProperties[] = [postIdProperty, updateFields];

export const description = properties;

const LABEL = 'Update Fields → ';

/** Statuses a post can be edited in (reference 7 "Statuses"). */
const EDITABLE = ['draft', 'pending', 'scheduled', 'retry', 'failed'];

/**
 * PATCH /posts/{id}: only the fields set are sent. Schedule "Now" sends `scheduled_at: null`
 * (back to the publish-as-soon-as-possible queue); the Remove options send `null`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// The reader refuses an empty Update Fields and a value both set and removed (their declaration).
	const values = readParameters(this, properties, itemIndex);
	const postId = values.postId as string;
	const fields = (values.updateFields ?? {}) as IDataObject;
	const body: IDataObject = {};

	if (fields[accountsOption.name] !== undefined)
		body.accounts = (fields[accountsOption.name] as string[]).map((id) => ({ id }));
	if (fields.caption !== undefined) body.caption = fields.caption;
	if (fields.musicUrl !== undefined) body.music_url = fields.musicUrl;
	if (fields.removeMusic === true) body.music_url = null;

	const tiktok = tiktokObject(fields.tiktokSettings as IDataObject | undefined);
	const pinterest = pinterestObject(fields.pinterestSettings as IDataObject | undefined);
	checkPlatformObjects(this, tiktok, pinterest, itemIndex);
	if (tiktok) body.tiktok = tiktok;
	if (fields.removeTiktok === true) body.tiktok = null;
	if (pinterest) body.pinterest = pinterest;
	if (fields.removePinterest === true) body.pinterest = null;
	const settings = providerSettingsObject(fields.providerSettings);
	if (settings) body.settings = settings;

	if (fields.schedule === 'at') {
		if (fields.scheduledAt === undefined)
			failValidation(
				this,
				itemIndex,
				`${LABEL}Scheduled At is required with Schedule: At a Date and Time`,
			);
		body.scheduled_at = fields.scheduledAt;
	} else if (fields.schedule === 'now') {
		body.scheduled_at = null;
	} else if (fields.scheduledAt !== undefined) {
		body.scheduled_at = fields.scheduledAt;
	}

	const mediaFields = [
		'mediaSource',
		'videoUrl',
		'imageUrls',
		'binaryPropertyName',
		'binaryPropertyNames',
		'videoDuration',
	];
	if (fields.postMedia === undefined && mediaFields.some((name) => fields[name] !== undefined)) {
		failValidation(
			this,
			itemIndex,
			`${LABEL}Media is required to change the media (choose None, Video or Slideshow)`,
		);
	}
	// Without a new caption the stored one stays (Genviral refuses a text-only post without one).
	if ('caption' in body)
		checkTextOnly(
			this,
			fields.postMedia as string | undefined,
			body.caption as string,
			itemIndex,
			`${LABEL}Caption`,
		);
	// Media last: binary media is uploaded, and nothing should be uploaded for a request that fails a check above.
	if (fields.postMedia !== undefined) {
		body.media = await buildMedia(
			this,
			fields,
			fields.videoDuration as number | undefined,
			itemIndex,
			LABEL,
		);
	}

	const path = `/posts/${postId}`;
	try {
		// Sending the same changes twice gives the same post: repeatable.
		return expectObject(
			this,
			await genviralApiRequest.call(this, {
				method: 'PATCH',
				path,
				body,
				itemIndex,
				retry: 'idempotent',
			}),
			`PATCH ${path}`,
			itemIndex,
		);
	} catch (error) {
		throw await explainNotEditable(this, error, postId, itemIndex);
	}
}

/**
 * A posted / partial / canceled post is refused with a 422 whose wording the reference does not
 * give: read the post's status (one GET) to say why in plain words.
 */
async function explainNotEditable(
	ctx: IExecuteFunctions,
	error: unknown,
	postId: string,
	itemIndex: number,
): Promise<unknown> {
	if (!(error instanceof NodeApiError) || error.httpCode !== '422') return error;
	let status: string;
	try {
		const post = expectObject(
			ctx,
			await genviralApiRequest.call(ctx, { method: 'GET', path: `/posts/${postId}`, itemIndex }),
			'GET /posts/{id}',
			itemIndex,
		);
		status = String(post.status);
	} catch {
		return error;
	}
	if (EDITABLE.includes(status)) return error;
	error.description = [
		`Post ${postId} is ${status}: only ${EDITABLE.join(', ')} posts can be edited. A published post cannot be changed through Genviral; create a new post instead${status === 'partial' ? ', or use Post → Retry for the accounts that failed' : ''}.`,
		error.description ?? '',
	]
		.filter((part) => part !== '')
		.join(' ');
	return error;
}
