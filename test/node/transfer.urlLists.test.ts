/**
 * Issue 15.8: one rule for every list typed as text. With a line break, one entry per line and
 * commas stay part of the entry (image-service URLs such as `.../c_fill,w_1080/...`); on a
 * single line, entries separated by commas; a list from an expression is taken as it is. The
 * same rule for Post → Create's Image URLs, Studio's Input Image URLs and Import From TikTok's
 * Image URLs, all through the reader.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

/** URLs as image services build them: transformations separated by commas inside the path. */
const CDN = [
	'https://res.cloudinary.example/demo/image/upload/c_fill,w_1080,h_1350/v1/slide-1.jpg',
	'https://res.cloudinary.example/demo/image/upload/c_fill,w_1080,h_1350/v1/slide-2.jpg',
	'https://images.example.org/t/q_80,f_auto/slide-3.png',
];

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
const accounts = () => env.fake.modules.accounts.defaults(scope());
const slideshowPost = (imageUrls: unknown): INodeParameters => ({
	resource: 'post',
	operation: 'create',
	accountIds: [accounts().tiktok.id],
	caption: 'Three slides',
	postMedia: 'slideshow',
	mediaSource: 'url',
	imageUrls: imageUrls as string,
});
const sentMedia = () =>
	(env.fake.requestsTo('POST /posts')[0]?.body as { media?: unknown } | undefined)?.media;

describe('URL lists: one per line keeps commas', () => {
	test('Post → Create: image URLs one per line, each with commas, are posted whole and in order', async () => {
		const { error } = await runGenviral(env.fake, slideshowPost(CDN.join('\n')));
		expect(error).toBeUndefined();
		expect(sentMedia()).toEqual({ type: 'slideshow', urls: CDN });
	});

	test('Post → Create: Windows line breaks, blank lines and a comma ending a line are separators only', async () => {
		const { error } = await runGenviral(
			env.fake,
			slideshowPost(`\r\n${CDN[0]},\r\n\r\n  ${CDN[1]}  \r\n${CDN[2]}\r\n`),
		);
		expect(error).toBeUndefined();
		expect(sentMedia()).toEqual({ type: 'slideshow', urls: CDN });
	});

	test('Post → Create: on a single line, commas separate (as before)', async () => {
		const plain = ['https://cdn.example.org/1.png', 'https://cdn.example.org/2.png'];
		const { error } = await runGenviral(env.fake, slideshowPost(plain.join(', ')));
		expect(error).toBeUndefined();
		expect(sentMedia()).toEqual({ type: 'slideshow', urls: plain });
	});

	test('Post → Create: a list from an expression is taken as it is (an entry with commas is not split)', async () => {
		const { error } = await runGenviral(env.fake, slideshowPost('={{ $json.urls }}'), {
			items: [{ json: { urls: CDN } }],
		});
		expect(error).toBeUndefined();
		expect(sentMedia()).toEqual({ type: 'slideshow', urls: CDN });
	});

	test('Post → Create: two URLs on one line of a list written one per line are refused before any request', async () => {
		const { error } = await runGenviral(env.fake, slideshowPost(`${CDN[0]}\n${CDN[1]}, ${CDN[2]}`));
		expect(error?.message).toMatch(
			/^Image URLs contains ".+", which is not one URL: give one URL per line, or URLs separated by commas on a single line \[item 0\]$/,
		);
		expect(env.fake.requests).toHaveLength(0);
	});

	test('Studio → Generate Image: Input Image URLs one per line keep their commas', async () => {
		const { error } = await runGenviral(env.fake, {
			resource: 'studio',
			operation: 'generateImage',
			model: 'google/nano-banana-2',
			prompt: 'Make it brighter',
			imageUrls: `${CDN[0]}\n${CDN[2]}`,
		});
		expect(error).toBeUndefined();
		expect(env.fake.requestsTo('POST /studio/images/generate')[0].body).toMatchObject({
			image_urls: [CDN[0], CDN[2]],
		});
	});

	test('Slideshow → Import From TikTok: Image URLs one per line keep their commas', async () => {
		const tiktok = 'https://www.tiktok.com/@maker/photo/7300000000000000001';
		env.fake.modules.slideshows.seedTiktokPost(tiktok, { slides: 3 });
		const { error } = await runGenviral(env.fake, {
			resource: 'slideshow',
			operation: 'importFromTiktok',
			url: tiktok,
			backgroundSource: 'images',
			packImages: CDN.join('\n'),
		});
		expect(error).toBeUndefined();
		expect(env.fake.requestsTo('POST /slideshows/copy-tiktok/import')[0].body).toMatchObject({
			pack_images: CDN,
		});
	});

	test('Post → Create: Input Binary Fields one per line', async () => {
		const { error } = await runGenviral(
			env.fake,
			{ ...slideshowPost(''), mediaSource: 'binary', binaryPropertyNames: 'missing_a\nmissing_b' },
			{ items: [{ json: {} }] },
		);
		// The names are read one per line: the first one is looked up (and is missing).
		expect(error?.message).toContain('missing_a');
		expect(error?.message).not.toContain('\n');
		expect(env.fake.requests).toHaveLength(0);
	});
});
