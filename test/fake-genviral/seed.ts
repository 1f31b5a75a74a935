/**
 * A believable workspace in the fake, for the playground (`npm run playground`) and its e2e check:
 * the default accounts on several platforms, two image packs with real PNG backgrounds, a
 * template, folders holding slideshows, posts in different states (one scheduled to go live a
 * few minutes after seeding, so that an active Genviral Trigger fires), and a tracked account
 * with analytics. Only the fake's own seed methods: nothing here answers a route.
 */
import { solidPng } from './media';
import { accountId } from './resources/accounts';
import { DEFAULT_TOKEN, type FakeGenviral } from './server';

export interface SeededWorkspace {
	/** The pack the examples generate slideshows from. */
	packId: string;
	/** A video in the fake's storage (publish-video.json downloads it). */
	videoUrl: string;
	/** The post that goes live at `goesLiveAt` (scheduled until then). */
	liveSoonPostId: string;
	goesLiveAt: Date;
	trackedTargetId: string;
}

/** Summer colours for the pack backgrounds (small PNGs: the editor shows them, nobody zooms). */
const LINEN = [
	[233, 221, 199],
	[201, 178, 140],
	[122, 148, 120],
	[64, 92, 120],
] as const;
const GLOW = [
	[255, 214, 170],
	[250, 170, 140],
	[240, 120, 120],
] as const;

export function seedWorkspace(
	fake: FakeGenviral,
	{ token = DEFAULT_TOKEN, liveInMs = 3 * 60_000 } = {},
): SeededWorkspace {
	const scope = fake.scopeOf(token);
	fake.setCredits(token, 5_000);
	// Deliveries take a few seconds, as a real publish does, not the tests' one second.
	fake.modules.posts.stepMs = 5_000;

	const image = (name: string, rgb: readonly [number, number, number]) => ({
		url: fake.storage.putMedia(`${name}.png`, 'image/png', solidPng(108, 135, [...rgb])),
		file_name: `${name}.png`,
	});
	const linen = fake.modules.packs.seedPack(scope, {
		name: 'Linen summer',
		images: LINEN.map((rgb, i) => image(`linen-${i + 1}`, rgb)),
	});
	fake.modules.packs.seedPack(scope, {
		name: 'Morning glow',
		images: GLOW.map((rgb, i) => image(`glow-${i + 1}`, rgb)),
	});
	const videoUrl = fake.storage.putMedia(
		'spring-launch.mp4',
		'video/mp4',
		Buffer.alloc(64 * 1024, 1),
	);

	fake.modules.templates.seed({
		name: 'Bold hook + 4 tips',
		description: 'A big first slide, then one tip per slide',
		scope,
	});

	const deskTour = fake.modules.slideshows.seedSlideshow(scope, {
		title: 'Desk setup tour',
		status: 'rendered',
		slideCount: 4,
	});
	const matcha = fake.modules.slideshows.seedSlideshow(scope, {
		title: 'Matcha vs coffee',
		status: 'draft',
		slideCount: 5,
	});
	const campaign = fake.modules.folders.seed({
		name: 'Summer campaign',
		media_type: 'slideshow',
		scope,
	});
	fake.modules.folders.seedItems(campaign.id, [String(deskTour.id), String(matcha.id)]);
	fake.modules.folders.seed({ name: 'Brand assets', media_type: 'upload', scope });

	const [tiktok, instagram, youtube] = [
		accountId(scope, 'tiktok'),
		accountId(scope, 'instagram'),
		accountId(scope, 'youtube'),
	];
	const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
	fake.modules.posts.seedPost(scope, {
		status: 'posted',
		caption: 'Our desk setup, 4 slides #wfh',
		created_at: ago(26 * 60),
		accounts: [
			{ id: tiktok, status: 'posted' },
			{ id: instagram, status: 'posted' },
		],
	});
	fake.modules.posts.seedPost(scope, {
		status: 'failed',
		caption: 'Behind the scenes',
		created_at: ago(5 * 60),
		accounts: [
			{ id: youtube, status: 'failed', error_message: 'Token expired: reconnect the account' },
		],
	});
	fake.modules.posts.seedPost(scope, {
		status: 'draft',
		caption: 'Draft: matcha vs coffee',
		created_at: ago(30),
		accounts: [{ id: tiktok, status: 'draft' }],
	});
	// Scheduled, then published by the clock (no fixed status): what a Genviral Trigger sees go live.
	const goesLiveAt = new Date(Date.now() + liveInMs);
	const liveSoon = fake.modules.posts.seedPost(scope, {
		caption: 'One shirt, four looks ☀️ #summerstyle',
		created_at: ago(1),
		scheduled_at: goesLiveAt.toISOString(),
		accounts: [
			{ id: tiktok, status: 'scheduled' },
			{ id: instagram, status: 'scheduled' },
		],
	});
	for (const delivery of liveSoon.deliveries) {
		delete delivery.fixed;
		delivery.startsAt = goesLiveAt.getTime();
		delivery.result = 'posted';
	}

	const trackedTargetId = fake.seedTarget(token, {
		platform: 'tiktok',
		identifier: '@acme',
		postCount: 24,
		display_name: 'Acme',
	});
	return {
		packId: String(linen.id),
		videoUrl,
		liveSoonPostId: liveSoon.id,
		goesLiveAt,
		trackedTargetId,
	};
}
