/**
 * The parameters a post is made of, shared by Create (top-level fields) and Update (options of
 * Update Fields), and the code that turns them into the API's `POST/PATCH /posts` body
 * (reference section 7).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIST_RULE } from '../../helpers/parameters';
import { failValidation } from '../../helpers/validation';

/** Reference 7: 1-10 accounts, 1-35 slideshow images, pinterest tags at most 30. */
export const MAX_ACCOUNTS = 10;
export const MAX_IMAGES = 35;
export const MAX_PINTEREST_TAGS = 30;
/** The longest caption any target takes (Facebook BYO, reference 7 "Caption limits"). */
export const MAX_CAPTION_LENGTH = 63_206;

export const TERMINAL_POST_STATUSES = ['posted', 'failed', 'partial', 'canceled'] as const;
/** Statuses of a post still on its way (draft only changes when someone edits it). */
export const PENDING_POST_STATUSES = ['pending', 'scheduled', 'retry', 'draft'] as const;

/** Update still names the post picker by its old name; it lives with every other locator. */
export { postLocator as postIdProperty } from '../../descriptions/locators';

export const captionProperty: INodeProperties = {
	displayName: 'Caption',
	name: 'caption',
	type: 'string',
	default: '',
	typeOptions: { rows: 4, maxLength: MAX_CAPTION_LENGTH },
	description:
		'The text of the post, shared by every account. Genviral checks its length per account (e.g. Instagram 2,200, TikTok 2,200 for videos and 4,000 for slideshows, hosted accounts 500). Required for a text-only post.',
};

const mediaTypeOptions = [
	{
		name: 'None (Text Only)',
		value: 'none',
		description:
			'A caption-only post: only for accounts that take text posts (LinkedIn, Facebook, X, Bluesky)',
	},
	{ name: 'Video', value: 'video', description: 'One video' },
	{
		name: 'Slideshow',
		value: 'slideshow',
		description: 'An image carousel of 1-35 images, in the order given',
	},
];

const mediaSourceOptions = [
	{ name: 'URLs', value: 'url', description: 'Public URLs Genviral can fetch' },
	{
		name: 'Binary Fields',
		value: 'binary',
		description:
			"Files of the input item: each is uploaded to Genviral's storage first, then posted by its URL",
	},
];

const tiktokOptions: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		typeOptions: { maxLength: 150 },
		description: 'The TikTok title (at most 150 characters)',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		typeOptions: { rows: 3, maxLength: 4000 },
		description:
			'The TikTok description: the post text of a photo post (at most 4,000), the title fallback for a video',
	},
	{
		displayName: 'Post Mode',
		name: 'postMode',
		type: 'options',
		default: 'DIRECT_POST',
		options: [
			{ name: 'Direct Post', value: 'DIRECT_POST', description: 'Publish on the account' },
			{
				name: 'Media Upload',
				value: 'MEDIA_UPLOAD',
				description: "Send to the creator's TikTok inbox drafts, to publish from the app",
			},
		],
		description: 'How TikTok receives the post',
	},
	{
		displayName: 'Privacy Level',
		name: 'privacyLevel',
		type: 'options',
		default: 'PUBLIC_TO_EVERYONE',
		options: [
			{ name: 'Public', value: 'PUBLIC_TO_EVERYONE' },
			{ name: 'Mutual Followers', value: 'MUTUAL_FOLLOW_FRIENDS' },
			{ name: 'Followers', value: 'FOLLOWER_OF_CREATOR' },
			{ name: 'Only Me', value: 'SELF_ONLY' },
		],
		description: 'Who can see the post on TikTok',
	},
	{
		displayName: 'Disable Comments',
		name: 'disableComment',
		type: 'boolean',
		default: false,
		description: 'Whether to turn comments off',
	},
	{
		displayName: 'Disable Duet',
		name: 'disableDuet',
		type: 'boolean',
		default: false,
		description: 'Whether to turn duets off',
	},
	{
		displayName: 'Disable Stitch',
		name: 'disableStitch',
		type: 'boolean',
		default: false,
		description: 'Whether to turn stitches off',
	},
	{
		displayName: 'Auto Add Music',
		name: 'autoAddMusic',
		type: 'boolean',
		default: false,
		description: 'Whether TikTok adds music to a photo post',
	},
	{
		displayName: 'Commercial Content',
		name: 'isCommercial',
		type: 'boolean',
		default: false,
		description: 'Whether the post promotes a brand, product or service (TikTok disclosure)',
	},
	{
		displayName: 'Branded Content',
		name: 'isBrandedContent',
		type: 'boolean',
		default: false,
		description: 'Whether the post promotes another brand (a paid partnership)',
	},
	{
		displayName: 'Your Brand',
		name: 'isYourBrand',
		type: 'boolean',
		default: false,
		description: "Whether the post promotes the creator's own brand",
	},
	{
		displayName: 'User Consent',
		name: 'userConsent',
		type: 'boolean',
		default: false,
		description: "Whether the creator agreed to TikTok's music and branded-content terms",
	},
];

const pinterestOptions: INodeProperties[] = [
	{
		displayName: 'Board ID',
		name: 'boardId',
		type: 'string',
		default: '',
		typeOptions: { maxLength: 128 },
		description: "The board to pin to; blank: the account's default board",
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		typeOptions: { maxLength: 100 },
		description: 'The pin title (at most 100 characters)',
	},
	{
		displayName: 'Link',
		name: 'link',
		type: 'string',
		default: '',
		typeOptions: { format: 'url', maxLength: 2048 },
		description: 'Where the pin leads (a URL)',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		typeOptions: {
			maxLength: 5000,
			format: 'textList',
			maxItems: MAX_PINTEREST_TAGS,
			itemNoun: 'tags',
		},
		description: `Up to 30 tags: ${LIST_RULE}. Added to the pin description, which must stay within 800 characters with the caption.`,
	},
];

export const tiktokSettingsProperty: INodeProperties = {
	displayName: 'TikTok Settings',
	name: 'tiktokSettings',
	type: 'collection',
	placeholder: 'Add TikTok Setting',
	default: {},
	options: tiktokOptions,
	description:
		'TikTok options; only when every account is a TikTok account you connected (not a hosted one). Not together with Pinterest Settings.',
};

export const pinterestSettingsProperty: INodeProperties = {
	displayName: 'Pinterest Settings',
	name: 'pinterestSettings',
	type: 'collection',
	placeholder: 'Add Pinterest Setting',
	default: {},
	options: pinterestOptions,
	description: 'Pinterest options; needs a Pinterest account. Not together with TikTok Settings.',
};

const scheduleOptions = [
	{ name: 'Now', value: 'now', description: 'Publish as soon as possible' },
	{
		name: 'At a Date and Time',
		value: 'at',
		description: 'Publish at a set time, at least 2 minutes ahead',
	},
];

export const SCHEDULED_AT_HINT =
	'At least 2 minutes ahead. A value without a time zone offset (2026-03-01T18:00:00) is read in the workflow\'s time zone (Workflow Settings → Timezone) and sent with that offset; "…Z", "…+02:00", {{ $now.plus({ hours: 2 }) }} or a JS Date are taken as they are.';

const videoDurationOption: INodeProperties = {
	displayName: 'Video Duration (Seconds)',
	name: 'videoDuration',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0.1, maxValue: 36000, numberPrecision: 2 },
	description:
		'The length of the video, sent so Genviral can check it against platform limits without a VIDEO_DURATION_MISSING warning',
};

export const musicUrlOption: INodeProperties = {
	displayName: 'Music URL',
	name: 'musicUrl',
	type: 'string',
	default: '',
	placeholder: 'https://www.tiktok.com/@creator/video/7000000000000000000',
	typeOptions: { format: 'url', maxLength: 2048 },
	description:
		'A TikTok video whose sound becomes the background music; only when every account is a TikTok account',
};

/** The providers Provider Settings (JSON) takes; TikTok and Pinterest have settings of their own. */
export const PROVIDERS = ['x', 'instagram', 'facebook', 'linkedin', 'bluesky', 'youtube'];

export const providerSettingsOption: INodeProperties = {
	displayName: 'Provider Settings (JSON)',
	name: 'providerSettings',
	type: 'json',
	default: '{}',
	typeOptions: {
		jsonObject: true,
		jsonExample: '{"youtube": {"title": "Launch day"}}',
		jsonKeys: PROVIDERS,
		jsonKeyNoun: 'provider',
		jsonKeysElsewhere: { tiktok: 'TikTok Settings', pinterest: 'Pinterest Settings' },
		jsonValues: 'object',
	},
	description:
		'Options per provider, keyed x, instagram, facebook, linkedin, bluesky or youtube, e.g. {"youtube": {"title": "Launch day", "type": "public"}}. The accepted fields of each account are in its capabilities (Account → Get Many). TikTok and Pinterest options go in their own settings.',
};

/** Create's media and schedule fields, top-level with display options. */
export function mediaAndScheduleProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Media',
			name: 'postMedia',
			type: 'options',
			default: 'video',
			options: mediaTypeOptions,
			description: 'What the post carries besides its caption',
		},
		{
			displayName: 'Media Source',
			name: 'mediaSource',
			type: 'options',
			default: 'url',
			options: mediaSourceOptions,
			displayOptions: { show: { postMedia: ['video', 'slideshow'] } },
			builderHint: {
				propertyHint:
					"'url' when an earlier node gives a public https link (Render's rendered_image_urls, Studio's output_url, File → Upload's url); 'binary' when it gives file data (Read/Write Files from Disk, HTTP Request with a file response, Google Drive download). Binary is uploaded to Genviral first.",
			},
			description:
				'URLs: public links Genviral fetches. Binary Fields: files of the input item, uploaded to Genviral first.',
		},
		{
			displayName: 'Video URL',
			name: 'videoUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://cdn.example.com/clip.mp4',
			typeOptions: { format: 'url', maxLength: 2048 },
			displayOptions: { show: { postMedia: ['video'], mediaSource: ['url'] } },
			description: 'A public URL of the video (MP4, MOV, M4V or AVI)',
		},
		{
			displayName: 'Image URLs',
			name: 'imageUrls',
			type: 'string',
			required: true,
			default: '',
			typeOptions: {
				rows: 3,
				maxLength: 100_000,
				format: 'urlList',
				minItems: 1,
				maxItems: MAX_IMAGES,
				itemNoun: 'images',
			},
			displayOptions: { show: { postMedia: ['slideshow'], mediaSource: ['url'] } },
			builderHint: {
				propertyHint:
					"1-35 public image URLs in slide order. Pass a list straight from an earlier node, e.g. expr('{{ $json.rendered_image_urls }}') after Slideshow → Render; as text, one URL per line (commas inside URLs are then kept).",
			},
			description: `Public URLs of 1-35 images (JPG or PNG), posted in this order: ${LIST_RULE}`,
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			displayOptions: { show: { postMedia: ['video'], mediaSource: ['binary'] } },
			hint: 'The name of the input binary field containing the video',
			description: 'The binary field of the input item that holds the video',
		},
		{
			displayName: 'Input Binary Fields',
			name: 'binaryPropertyNames',
			type: 'string',
			required: true,
			default: 'data',
			typeOptions: { format: 'textList', minItems: 1, maxItems: MAX_IMAGES, itemNoun: 'images' },
			placeholder: 'image1, image2, image3',
			displayOptions: { show: { postMedia: ['slideshow'], mediaSource: ['binary'] } },
			hint: 'Names of the input binary fields in slide order, one per line or separated by commas',
			description: `The binary fields of the input item that hold the images (1-35), in slide order: ${LIST_RULE}`,
		},
		{
			displayName: 'Schedule',
			name: 'schedule',
			type: 'options',
			default: 'now',
			options: scheduleOptions,
			description:
				'Now publishes as soon as possible; At a Date and Time publishes at Scheduled At (at least 2 minutes ahead)',
		},
		{
			displayName: 'Scheduled At',
			name: 'scheduledAt',
			type: 'dateTime',
			required: true,
			default: '',
			displayOptions: { show: { schedule: ['at'] } },
			builderHint: {
				propertyHint:
					"Only with schedule: 'at'. At least 2 minutes ahead. Prefer an ISO date-time with an offset ('2026-03-01T18:00:00+01:00') or expr('{{ $now.plus({ hours: 2 }) }}'); a value without an offset is read in the workflow's time zone.",
			},
			hint: SCHEDULED_AT_HINT,
			description: 'When to publish. ' + SCHEDULED_AT_HINT,
		},
	];
}

/** Update's versions of the same fields, as options of Update Fields (checked together at run time). */
export function updateFieldOptions(accountsOption: INodeProperties): INodeProperties[] {
	const [media, source, videoUrl, imageUrls, binaryField, binaryFields, schedule, scheduledAt] =
		mediaAndScheduleProperties();
	const plain = (property: INodeProperties, description?: string): INodeProperties => {
		// In a collection each option is added on purpose: no display conditions, nothing required.
		const rest: INodeProperties = { ...property };
		delete rest.displayOptions;
		delete rest.required;
		delete rest.hint;
		return description === undefined ? rest : { ...rest, description };
	};
	return [
		accountsOption,
		// Added but left blank: the caption is set to empty (a blank is a change here, not "absent").
		{ ...captionProperty, typeOptions: { ...captionProperty.typeOptions, keepBlank: true } },
		plain(
			media,
			'Replace the media: None makes the post text-only; Video or Slideshow need their URLs or binary fields below',
		),
		plain(source, 'Where the new media comes from (with Media)'),
		plain(videoUrl, 'With Media: Video and Media Source: URLs'),
		plain(
			imageUrls,
			`With Media: Slideshow and Media Source: URLs; 1-35 image URLs in order, ${LIST_RULE}`,
		),
		plain(binaryField, 'With Media: Video and Media Source: Binary Fields'),
		plain(
			binaryFields,
			`With Media: Slideshow and Media Source: Binary Fields; in slide order, ${LIST_RULE}`,
		),
		videoDurationOption,
		plain(
			schedule,
			'Now puts the post back into the publish-as-soon-as-possible queue; At a Date and Time needs Scheduled At',
		),
		plain(scheduledAt, 'With Schedule: At a Date and Time. ' + SCHEDULED_AT_HINT),
		musicUrlOption,
		{
			displayName: 'Remove Music',
			name: 'removeMusic',
			type: 'boolean',
			default: false,
			description: 'Whether to remove the background music (not together with Music URL)',
		},
		{
			...tiktokSettingsProperty,
			description: 'Replace the TikTok settings. ' + tiktokSettingsProperty.description,
		},
		{
			displayName: 'Remove TikTok Settings',
			name: 'removeTiktok',
			type: 'boolean',
			default: false,
			description: 'Whether to clear the stored TikTok settings',
		},
		{
			...pinterestSettingsProperty,
			description: 'Replace the Pinterest settings. ' + pinterestSettingsProperty.description,
		},
		{
			displayName: 'Remove Pinterest Settings',
			name: 'removePinterest',
			type: 'boolean',
			default: false,
			description: 'Whether to clear the stored Pinterest settings',
		},
		{
			...providerSettingsOption,
			description:
				'Merged into the stored provider settings by Genviral. ' +
				providerSettingsOption.description,
		},
	];
}

export { videoDurationOption };

// ----- building the body ----------------------------------------------------------------------

const fail = (ctx: IExecuteFunctions, itemIndex: number, message: string): never =>
	failValidation(ctx, itemIndex, message);

/** The `tiktok` object from TikTok Settings (undefined when empty). */
export function tiktokObject(settings: IDataObject | undefined): IDataObject | undefined {
	if (!settings || Object.keys(settings).length === 0) return undefined;
	const names: Record<string, string> = {
		title: 'title',
		description: 'description',
		postMode: 'post_mode',
		privacyLevel: 'privacy_level',
		disableComment: 'disable_comment',
		disableDuet: 'disable_duet',
		disableStitch: 'disable_stitch',
		autoAddMusic: 'auto_add_music',
		isCommercial: 'is_commercial',
		isBrandedContent: 'is_branded_content',
		isYourBrand: 'is_your_brand',
		userConsent: 'user_consent',
	};
	const tiktok: IDataObject = {};
	for (const [option, value] of Object.entries(settings))
		if (value !== undefined) tiktok[names[option] ?? option] = value;
	return Object.keys(tiktok).length > 0 ? tiktok : undefined;
}

/** The `pinterest` object from Pinterest Settings (undefined when empty). */
export function pinterestObject(settings: IDataObject | undefined): IDataObject | undefined {
	if (!settings || Object.keys(settings).length === 0) return undefined;
	const pinterest: IDataObject = {};
	if (settings.boardId !== undefined) pinterest.board_id = settings.boardId;
	if (settings.title !== undefined) pinterest.title = settings.title;
	if (settings.link !== undefined) pinterest.link = settings.link;
	// Tags come as the reader's list (Pinterest Settings → Tags is a `textList`, 30 at most).
	if (settings.tags !== undefined) pinterest.tags = settings.tags;
	return Object.keys(pinterest).length > 0 ? pinterest : undefined;
}

/** `settings` from Provider Settings (JSON), already checked by its declaration: absent when empty. */
export function providerSettingsObject(value: unknown): IDataObject | undefined {
	return value !== undefined && Object.keys(value as IDataObject).length > 0
		? (value as IDataObject)
		: undefined;
}

/** TikTok and Pinterest settings cannot go in one request (reference 7). */
export function checkPlatformObjects(
	ctx: IExecuteFunctions,
	tiktok: unknown,
	pinterest: unknown,
	itemIndex: number,
): void {
	if (tiktok !== undefined && tiktok !== null && pinterest !== undefined && pinterest !== null) {
		fail(
			ctx,
			itemIndex,
			'TikTok Settings and Pinterest Settings cannot be used together in one post: Genviral takes one or the other',
		);
	}
}
