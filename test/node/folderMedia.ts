/** Files and slideshows for folder tests. */
import { randomUUID } from 'node:crypto';

import type { FakeGenviral } from '../fake-genviral/server';
import { DEFAULT_TOKEN } from '../fake-genviral/server';

/** Files and slideshows the folders module finds (through the folders module's lookup hooks, until the files and slideshows fakes are merged). */
export function seedMedia(fake: FakeGenviral, { files = 0, slideshows = 0 } = {}) {
	const fileRows = new Map<string, Record<string, unknown>>(
		Array.from({ length: files }, (_v, i) => {
			const id = randomUUID();
			return [
				id,
				{
					id,
					url: `https://cdn.example.org/f${i}.png`,
					contentType: 'image/png',
					filename: `f${i}.png`,
					size: 1000 + i,
					createdAt: '2026-01-01T00:00:00.000Z',
				},
			];
		}),
	);
	const slideshowRows = new Map<string, Record<string, unknown>>(
		Array.from({ length: slideshows }, (_v, i) => {
			const id = randomUUID();
			return [id, { id, title: `Slideshow ${i}`, status: 'draft', slide_count: 3 }];
		}),
	);
	const scope = fake.scopeOf(DEFAULT_TOKEN);
	fake.modules.folders.fileLookup = (s, id) => (s === scope ? fileRows.get(id) : undefined);
	fake.modules.folders.slideshowLookup = (s, id) =>
		s === scope ? slideshowRows.get(id) : undefined;
	return { fileIds: [...fileRows.keys()], slideshowIds: [...slideshowRows.keys()] };
}
