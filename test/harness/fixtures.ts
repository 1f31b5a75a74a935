import { FakeGenviral } from '../fake-genviral/server';

/** One fake Genviral API per test file, emptied before each test. */
export function useFakeGenviral(): { readonly fake: FakeGenviral } {
	const holder: { fake: FakeGenviral } = { fake: new FakeGenviral() };
	beforeAll(async () => {
		await holder.fake.start();
	});
	afterAll(async () => {
		await holder.fake.stop();
	});
	beforeEach(() => {
		holder.fake.reset();
	});
	return holder;
}

export const createTarget = (fields: Record<string, unknown> = {}) => ({
	resource: 'analyticsTarget',
	operation: 'create',
	platform: 'tiktok',
	identifier: '@brand',
	...fields,
});
