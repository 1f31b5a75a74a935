import type { IBuilderHint, IBuilderHintVariation } from 'n8n-workflow';

/**
 * What n8n's AI workflow builder reads about the Genviral node (`builderHint`): when to reach
 * for it, which nodes go with it, and worked patterns in the workflow SDK's syntax. A pattern is
 * shown only for the resource/operations its `displayOptions` name, so each one speaks of the
 * chain that operation belongs to. Values from other nodes are written with the SDK's `expr()`,
 * never as raw `={{ }}` text, so the builder copies a form that works.
 */

const NODE = "type: 'n8n-nodes-genviral.genviral',\n  version: 1";

/** One variation: a titled pattern shown for the given resource and operations. */
function pattern(
	resource: string,
	operations: string[],
	title: string,
	body: string,
): IBuilderHintVariation {
	return {
		displayOptions: { show: { resource: [resource], operation: operations } },
		content: `<patterns>\n<pattern title="${title}">\n${body.trim()}\n</pattern>\n</patterns>`,
	};
}

const PUBLISH_VIDEO = pattern(
	'post',
	['create'],
	'Publish a video to several accounts and wait until it is live',
	`
// Account IDs come from Account → Get Many (or the editor's list); a post goes to 1-10 accounts.
const publish = node({
  ${NODE},
  config: {
    name: 'Publish Video',
    parameters: {
      resource: 'post',
      operation: 'create',
      accountIds: expr('{{ $json.accountIds }}'),
      caption: expr('{{ $json.caption }}'),
      postMedia: 'video',
      mediaSource: 'url',
      videoUrl: expr('{{ $json.videoUrl }}'),
      waitForPublish: true,
      maxWait: 900
    }
  }
});
// Leave additionalFields.externalId empty: the default makes Retry On Fail and replays safe.
// Output: the post in its final state (status posted | partial | failed | canceled).
// Branch with If on status; for partial, failed_accounts lists what failed (retry with Post → Retry).
`,
);

const PUBLISH_BINARY = pattern(
	'post',
	['create'],
	'Post a file from a previous node (binary) without a public URL',
	`
// A node that outputs binary data (Read/Write Files from Disk, HTTP Request, Google Drive) feeds
// Post → Create directly: the node uploads the file to Genviral's storage, then posts its URL.
const post = node({
  ${NODE},
  config: {
    name: 'Post Video File',
    parameters: {
      resource: 'post',
      operation: 'create',
      accountIds: ['<account id from Account → Get Many>'],
      caption: 'New drop is live',
      postMedia: 'video',
      mediaSource: 'binary',
      binaryPropertyName: 'data'
    }
  }
});
// For a slideshow from files: postMedia: 'slideshow', binaryPropertyNames: 'image1, image2, image3'.
// To reuse a file in several posts, File → Upload once and pass its url as videoUrl instead.
`,
);

const POST_IN_A_LOOP = pattern(
	'post',
	['create'],
	'Post a list one by one (Loop Over Items) or on a schedule later',
	`
// Each item of the input becomes its own post; no loop is needed for that.
// With Loop Over Items (splitInBatches, batchSize 1) every iteration is a new post too:
// the default External ID is unique per run of the node, so iterations never collide.
// Schedule instead of posting now: schedule: 'at', scheduledAt: expr('{{ $now.plus({ days: 1 }) }}')
// (at least 2 minutes ahead; a date without an offset is read in the workflow's time zone).
`,
);

const SLIDESHOW_TO_TIKTOK = pattern(
	'slideshow',
	[
		'generate',
		'render',
		'get',
		'getMany',
		'update',
		'regenerateSlide',
		'duplicate',
		'delete',
		'importFromTiktok',
	],
	'AI slideshow → render → post to TikTok → wait for publish',
	`
const generate = node({
  ${NODE},
  config: {
    name: 'Generate Slideshow',
    parameters: {
      resource: 'slideshow',
      operation: 'generate',
      prompt: expr('{{ $json.topic }}'),
      packId: { __rl: true, mode: 'id', value: '<image pack id from Image Pack → Get Many>' },
      additionalFields: { slideCount: 5, aspectRatio: '9:16' }
    }
  }
});
const render = node({
  ${NODE},
  config: {
    name: 'Render Slideshow',
    parameters: {
      resource: 'slideshow',
      operation: 'render',
      slideshowId: { __rl: true, mode: 'id', value: expr('{{ $json.id }}') }
    }
  }
});
const post = node({
  ${NODE},
  config: {
    name: 'Post Slideshow',
    parameters: {
      resource: 'post',
      operation: 'create',
      accountIds: ['<TikTok account id>'],
      caption: expr('{{ $("Trigger").item.json.caption }}'),
      postMedia: 'slideshow',
      mediaSource: 'url',
      imageUrls: expr('{{ $json.rendered_image_urls }}'),
      waitForPublish: true
    }
  }
});
export default workflow('id', 'AI slideshow to TikTok').add(trigger).to(generate).to(render).to(post);
// Generate, Regenerate Slide and Import spend credits; Render is slow (minutes): never put them in a
// loop that repeats an item. Edit slides with Update (updateFields.slides) before Render.
// Import From TikTok copies a TikTok slideshow (url) onto an image pack; Get Many / Get read drafts.
`,
);

const ANALYTICS_CHAIN = pattern(
	'analyticsTarget',
	['create', 'get', 'getMany', 'update', 'delete', 'refresh'],
	'Track an account → refresh → weekly summary',
	`
const track = node({
  ${NODE},
  config: {
    name: 'Track Profile',
    parameters: { resource: 'analyticsTarget', operation: 'create', platform: 'tiktok', identifier: '@brand' }
  }
});
const refresh = node({
  ${NODE},
  config: {
    name: 'Refresh Analytics',
    parameters: {
      resource: 'analyticsTarget',
      operation: 'refresh',
      targetId: { __rl: true, mode: 'id', value: expr('{{ $json.id }}') },
      waitForCompletion: true
    }
  }
});
const summary = node({
  ${NODE},
  config: {
    name: 'Weekly Summary',
    parameters: { resource: 'analytics', operation: 'getSummary', dateRange: '14d' }
  }
});
// Refresh spends a refresh credit; track a profile once (Create), then refresh it on a Schedule Trigger.
`,
);

const ANALYTICS_READ = pattern(
	'analytics',
	['getSummary', 'getPosts', 'getWorkspaceSuggestions'],
	'Read analytics for a period',
	`
const topPosts = node({
  ${NODE},
  config: {
    name: 'Top Posts',
    parameters: {
      resource: 'analytics',
      operation: 'getPosts',
      dateRange: '30d',
      sortBy: 'views',
      sortOrder: 'desc',
      returnAll: false,
      limit: 10,
      simplify: true
    }
  }
});
// dateRange: 'custom' needs startDate and endDate (ISO dates or expr('{{ $now.minus({ days: 7 }) }}')).
// Get Summary gives totals for the same filters; Get Workspace Suggestions takes no parameters.
// Only tracked profiles (Analytics Target → Create) have analytics.
`,
);

const ANALYTICS_REFRESH = pattern(
	'analyticsRefresh',
	['get'],
	'Check a refresh started earlier',
	`
// Analytics Target → Refresh (waitForCompletion: false) returns the queued refresh; read its status later by its id:
const check = node({
  ${NODE},
  config: {
    name: 'Refresh Status',
    parameters: { resource: 'analyticsRefresh', operation: 'get', refreshId: expr('{{ $json.id }}') }
  }
});
`,
);

const PER_ACCOUNT = pattern(
	'post',
	['create', 'get'],
	'Branch per account: one item per account, retry only the failed ones',
	`
// A post goes to up to 10 accounts; each succeeds or fails on its own. Output 'account' gives
// one item per account: post_id, account_id, platform, handle, status, published_url,
// published_at, error_message (the default 'post' gives the post as one item).
const publish = node({
  ${NODE},
  config: {
    name: 'Publish Per Account',
    parameters: {
      resource: 'post',
      operation: 'create',
      accountIds: expr('{{ $json.accountIds }}'),
      caption: expr('{{ $json.caption }}'),
      postMedia: 'video',
      mediaSource: 'url',
      videoUrl: expr('{{ $json.videoUrl }}'),
      waitForPublish: true,
      output: 'account'
    }
  }
});
// Then an If node on expr('{{ $json.status }}') equals 'posted': true → the live links (published_url);
// false → Post → Retry of that account only (after an Aggregate per post_id when several failed):
const retryAccount = node({
  ${NODE},
  config: {
    name: 'Retry Failed Account',
    parameters: { resource: 'post', operation: 'retry', postIds: expr('{{ $json.post_id }}'), retryAccountIds: expr('{{ $json.account_id }}') }
  }
});
// Post → Get with output: 'account' gives the same items for a post published earlier.
// Per account, a post that failed everywhere gives items with status 'failed', not an error.
`,
);

const POST_MANAGE = pattern(
	'post',
	['get', 'getMany', 'update', 'retry', 'delete'],
	'Follow up on posts: read, reschedule, retry failed accounts, delete',
	`
const failed = node({
  ${NODE},
  config: {
    name: 'Failed Posts',
    parameters: { resource: 'post', operation: 'getMany', filters: { status: 'partial' }, returnAll: true }
  }
});
const retry = node({
  ${NODE},
  config: {
    name: 'Retry Failed',
    parameters: { resource: 'post', operation: 'retry', postIds: expr('{{ $json.id }}') }
  }
});
const check = node({
  ${NODE},
  config: {
    name: 'Post Status',
    parameters: { resource: 'post', operation: 'get', postId: { __rl: true, mode: 'id', value: expr('{{ $json.id }}') } }
  }
});
// Update changes a post that is not published yet (updateFields.caption, updateFields.scheduledAt).
// Get and Update read one post: postId is a locator, as above. Delete removes posts that are not
// published. Retry and Delete take postIds: one expression giving an ID, a list or comma-separated
// IDs; Retry's retryAccountIds (the same form) limits it to some accounts.
`,
);

const MEDIA = pattern(
	'file',
	['upload', 'getMany'],
	'Upload a file once, use its URL in posts and Studio',
	`
const upload = node({
  ${NODE},
  config: {
    name: 'Upload to Genviral',
    parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data' }
  }
});
// Output: url (use as Post → Create videoUrl / imageUrls, or a Studio input image).
// File → Get Many lists uploads (filters.type: image | video) to find earlier ones by URL.
`,
);

const STUDIO = pattern(
	'studio',
	['generateImage', 'generateVideo', 'getVideo', 'getModels'],
	'Studio AI image or video, then post it',
	`
const video = node({
  ${NODE},
  config: {
    name: 'Generate Video',
    parameters: {
      resource: 'studio',
      operation: 'generateVideo',
      model: '<model id from Studio → Get Models (filters.mode: video)>',
      prompt: expr('{{ $json.idea }}'),
      waitForCompletion: true,
      maxWait: 1800
    }
  }
});
// Generation spends credits: never repeat the same item. The output has the video URL
// (output_url) for Post → Create (mediaSource: 'url'). download: true adds the file as binary
// (off when the node runs as an AI Agent tool). Generate Image answers at once with image URLs.
// Get Video reads a generation started without waiting (videoId).
`,
);

const LIBRARY = [
	pattern(
		'imagePack',
		['create', 'get', 'getMany', 'update', 'delete', 'addImage', 'deleteImage'],
		'Image packs: backgrounds for slideshows',
		`
// Image Pack → Create, then Add Image for each picture (source: 'url' with imageUrl, or 'binary'),
// then use the pack's id as Slideshow → Generate packId ({ __rl: true, mode: 'id', value: ... }).
// Get Many lists packs (includePublic: true adds Genviral's public packs). Delete Image takes packId and
// imageId, both locators ({ __rl: true, mode: 'id', value: ... }; the image id from Get or Add Image).
`,
	),
	pattern(
		'template',
		['create', 'createFromSlideshow', 'get', 'getMany', 'update', 'delete'],
		'Templates: reuse a slideshow layout',
		`
// Template → Create From Slideshow saves a finished slideshow's layout (slideshowId locator);
// Create takes a JSON config. Get / Get Many / Update / Delete manage them by templateId.
`,
	),
	pattern(
		'folder',
		[
			'create',
			'get',
			'getMany',
			'move',
			'delete',
			'getAncestors',
			'getItems',
			'addItems',
			'removeItems',
		],
		'Folders: organise uploads, slideshows and AI media',
		`
// Folder → Create (mediaType: upload | slideshow | ai_image | ai_video), then Add Items with
// itemIds (one expression: a list or comma-separated IDs of files or slideshows). Get Items lists a folder's content;
// Move and Get Ancestors work on the tree; Delete removes an empty folder.
`,
	),
	pattern(
		'account',
		['getMany'],
		'Find the accounts to post to',
		`
const accounts = node({
  ${NODE},
  config: { name: 'Accounts', parameters: { resource: 'account', operation: 'getMany', filters: { platforms: ['tiktok'] } } }
});
// Each item has id, platform and username: map the ids into Post → Create's accountIds.
`,
	),
	pattern(
		'subscription',
		['get'],
		'Check credits before paid work',
		`
// Subscription → Get returns the plan and credits left: an If node before Slideshow → Generate
// or Studio → Generate can stop a run that would fail with insufficient_credits.
`,
	),
	pattern(
		'trend',
		['getBrief'],
		'Find what to post about',
		`
const brief = node({
  ${NODE},
  config: { name: 'Trend Brief', parameters: { resource: 'trend', operation: 'getBrief', keyword: 'skincare', range: '7d' } }
});
// recommendations.hook_angles and recommendations.hashtags make a good Slideshow → Generate prompt.
`,
	),
];

export const genviralBuilderHint: IBuilderHint = {
	searchHint:
		'Genviral publishes to TikTok, Instagram, YouTube, Facebook, LinkedIn, Pinterest, X and Bluesky accounts from one API and makes the content: AI slideshows (Slideshow → Generate → Render), Studio AI images and videos, media uploads, templates, image packs and folders, plus analytics of tracked profiles. Use Post → Create to publish (Wait for Publish to know the outcome), the Genviral Trigger to react to a post going live or failing, and Analytics for reporting. Prefer it over HTTP Request for any Genviral call.',
	relatedNodes: [
		{
			nodeType: 'n8n-nodes-genviral.genviralTrigger',
			relationHint:
				'Start a workflow when a post is published or fails, a tracked profile posts, or a file appears',
		},
		{
			nodeType: 'n8n-nodes-base.splitInBatches',
			relationHint: 'Loop Over Items to post a list one at a time; each iteration is a new post',
		},
		{
			nodeType: 'n8n-nodes-base.wait',
			relationHint:
				'Pause for approval or until a time before publishing; Post → Create can also wait for publish itself',
		},
		{
			nodeType: 'n8n-nodes-base.if',
			relationHint: 'Branch on a post status (posted, partial, failed) or on credits left',
		},
		{
			nodeType: 'n8n-nodes-base.scheduleTrigger',
			relationHint: 'Refresh analytics or publish on a schedule',
		},
	],
	extraTypeDefContent: [
		PUBLISH_VIDEO,
		PUBLISH_BINARY,
		PER_ACCOUNT,
		POST_IN_A_LOOP,
		POST_MANAGE,
		SLIDESHOW_TO_TIKTOK,
		ANALYTICS_CHAIN,
		ANALYTICS_READ,
		ANALYTICS_REFRESH,
		MEDIA,
		STUDIO,
		...LIBRARY,
	],
};
