/**
 * The playground's workspace (seed.ts), read back through the fake's routes as the node reads
 * it: what a newcomer sees in the pickers and lists, and the scheduled post going live by the clock.
 */
import { useFakeGenviral } from '../harness/fixtures';
import { seedWorkspace } from './seed';
import { DEFAULT_TOKEN } from './server';

describe('fake Genviral: the playground workspace', () => {
	const env = useFakeGenviral();

	async function get(path: string): Promise<any> {
		const response = await fetch(`${env.fake.baseUrl}${path}`, {
			headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
		});
		const body = (await response.json()) as { data: unknown };
		expect([path, response.status, response.status === 200 ? '' : body]).toEqual([path, 200, '']);
		return body.data;
	}

	test('accounts on several platforms, packs with images, a template, folders, posts in four states, a tracked account', async () => {
		const seeded = seedWorkspace(env.fake);

		const accounts = (await get('/accounts')).accounts as Array<{ platform: string }>;
		expect(new Set(accounts.map((a) => a.platform)).size).toBeGreaterThanOrEqual(5);
		const packs = (await get('/packs')).packs as Array<{
			id: string;
			name: string;
			image_count?: number;
		}>;
		expect(packs.map((p) => p.name).sort()).toEqual(['Linen summer', 'Morning glow']);
		const linen = await get(`/packs/${seeded.packId}`);
		expect(linen.images).toHaveLength(4);
		const png = await fetch(linen.images[0].url);
		expect(png.headers.get('content-type')).toBe('image/png');
		expect((await get('/templates')).templates.map((t: { name: string }) => t.name)).toEqual([
			'Bold hook + 4 tips',
		]);
		expect(
			(await get('/folders?media_type=slideshow')).folders.map((f: { name: string }) => f.name),
		).toEqual(['Summer campaign']);
		expect(
			(await get('/folders?media_type=upload')).folders.map((f: { name: string }) => f.name),
		).toEqual(['Brand assets']);
		const posts = (await get('/posts?limit=50')).posts as Array<{ status: string }>;
		expect(posts.map((p) => p.status).sort()).toEqual(['draft', 'failed', 'posted', 'scheduled']);
		const targets = (await get('/analytics/targets')).targets as Array<{
			id: string;
			identifier: string;
		}>;
		expect(targets.map((t) => [t.id, t.identifier])).toEqual([[seeded.trackedTargetId, '@acme']]);
	});

	test('the scheduled post goes live by the clock: scheduled, then posted on both accounts', async () => {
		const seeded = seedWorkspace(env.fake, { liveInMs: 300 });
		env.fake.modules.posts.stepMs = 100;

		expect((await get(`/posts/${seeded.liveSoonPostId}`)).status).toBe('scheduled');
		await new Promise((resolve) => setTimeout(resolve, 600));
		const live = await get(`/posts/${seeded.liveSoonPostId}`);
		expect(live.status).toBe('posted');
		expect(live.accounts.states.map((s: { status: string }) => s.status)).toEqual([
			'posted',
			'posted',
		]);
	});
});
