/**
 * The fake's accounts, subscription, files and storage follow the reference (sections 3-5):
 * checked over real HTTP, as the node will see them.
 */
import { ACCEPTED_CONTENT_TYPES } from './resources/files';
import { DEFAULT_ACCOUNTS, accountId } from './resources/accounts';
import { DEFAULT_TOKEN } from './server';
import { useFakeGenviral } from '../harness/fixtures';

const PERSONAL_TOKEN = 'gva_live_9f9f9f.personal-secret';

describe('fake Genviral: accounts, subscription, files, storage', () => {
	const env = useFakeGenviral();

	async function api(method: string, path: string, body?: unknown, token = DEFAULT_TOKEN) {
		const response = await fetch(`${env.fake.baseUrl}${path}`, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	}

	test('GET /accounts lists the active default accounts of the scope with capabilities', async () => {
		const { status, body } = await api('GET', '/accounts');
		expect(status).toBe(200);
		expect(body.message).toBe('Accounts retrieved');
		expect(Object.keys(body.data)).toEqual(['scope', 'owner_user_id', 'workspace_id', 'accounts']);
		const scope = env.fake.scopeOf(DEFAULT_TOKEN);
		const accounts = body.data.accounts as Array<Record<string, any>>;
		expect(accounts).toHaveLength(Object.keys(DEFAULT_ACCOUNTS).length - 1); // the paused one is not listed
		expect(accounts.map((a) => a.platform)).toEqual(
			expect.arrayContaining([
				'tiktok',
				'instagram',
				'youtube',
				'pinterest',
				'linkedin',
				'facebook',
			]),
		);
		expect(accounts.find((a) => a.id === accountId(scope, 'tiktok'))).toMatchObject({
			type: 'byo',
			username: 'acme',
			status: 'active',
			workspace_id: scope,
			capabilities: { supported_content_kinds: ['video', 'slideshow'] },
		});
		expect(accounts.find((a) => a.id === accountId(scope, 'tiktokHosted'))?.type).toBe('hosted');
		expect(
			accounts.find((a) => a.platform === 'linkedin')?.capabilities.supported_content_kinds,
		).toContain('text_only');
		expect(env.fake.modules.accounts.find(scope, accountId(scope, 'pausedYoutube'))?.status).toBe(
			'paused',
		);
	});

	test('accounts are per scope: another scope has other ids and cannot find them', async () => {
		const personal = await api('GET', '/accounts', undefined, PERSONAL_TOKEN);
		expect(personal.body.data).toMatchObject({ scope: 'personal', workspace_id: null });
		const workspaceScope = env.fake.scopeOf(DEFAULT_TOKEN);
		const personalScope = env.fake.scopeOf(PERSONAL_TOKEN);
		expect(accountId(workspaceScope, 'tiktok')).not.toBe(accountId(personalScope, 'tiktok'));
		expect(
			env.fake.modules.accounts.find(personalScope, accountId(workspaceScope, 'tiktok')),
		).toBeUndefined();
		env.fake.modules.accounts.seedAccounts(personalScope, []);
		expect((await api('GET', '/accounts', undefined, PERSONAL_TOKEN)).body.data.accounts).toEqual(
			[],
		);
	});

	test('GET /subscription carries every documented field', async () => {
		const { body } = await api('GET', '/subscription');
		expect(Object.keys(body.data.subscription).sort()).toEqual(
			[
				'status',
				'tier',
				'billing_interval',
				'current_period_start',
				'current_period_end',
				'renews_at',
				'canceled_at',
				'is_paused',
				'paused_until',
				'credits',
			].sort(),
		);
		expect(body.data.subscription.renews_at).toBe(body.data.subscription.current_period_end);
		expect(Object.keys(body.data.subscription.credits).sort()).toEqual([
			'limit',
			'remaining',
			'reset_at',
			'used_this_period',
		]);
	});

	test('POST /files signs an upload; the file is listed once its bytes are PUT, with the stored size', async () => {
		const created = await api('POST', '/files', {
			contentType: 'video/mp4',
			filename: 'clip.mp4',
			duration_seconds: 12.5,
			size: 5,
		});
		expect(created.status).toBe(201);
		expect(created.body.message).toBe('Upload URL generated');
		expect(Object.keys(created.body.data)).toEqual([
			'uploadUrl',
			'url',
			'contentType',
			'expiresIn',
		]);
		expect(created.body.data.expiresIn).toBe(600);
		expect(created.body.data.uploadUrl.startsWith(env.fake.storage.origin)).toBe(true);
		expect(created.body.data.url).toContain('/partner-api/workspaces/');

		expect((await api('GET', '/files')).body.data).toMatchObject({
			files: [],
			total: 0,
			limit: 50,
			offset: 0,
		});

		const put = await fetch(created.body.data.uploadUrl, {
			method: 'PUT',
			headers: { 'content-type': 'video/mp4' },
			body: 'hello',
		});
		expect(put.status).toBe(200);
		const listed = (await api('GET', '/files')).body.data;
		expect(listed.total).toBe(1);
		expect(listed.files[0]).toMatchObject({
			url: created.body.data.url,
			contentType: 'video/mp4',
			filename: 'clip.mp4',
			size: 5,
		});
		expect(Object.keys(listed.files[0])).toEqual([
			'id',
			'url',
			'contentType',
			'filename',
			'size',
			'createdAt',
		]);
		const scope = env.fake.scopeOf(DEFAULT_TOKEN);
		expect(env.fake.modules.files.find(scope, listed.files[0].id)?.durationSeconds).toBe(12.5);
		expect(
			env.fake.modules.files.find(env.fake.scopeOf(PERSONAL_TOKEN), listed.files[0].id),
		).toBeUndefined();
		const media = await fetch(created.body.data.url);
		expect(await media.text()).toBe('hello');
	});

	test('POST /files validates its body', async () => {
		expect((await api('POST', '/files', '{not json')).body).toMatchObject({
			code: 400,
			error_code: 'invalid_json',
		});
		expect((await api('POST', '/files', {})).body).toMatchObject({
			code: 422,
			error_code: 'invalid_payload',
		});
		expect((await api('POST', '/files', { contentType: 'application/pdf' })).body).toMatchObject({
			code: 422,
		});
		expect(
			(await api('POST', '/files', { contentType: 'image/png', filename: 3 })).body,
		).toMatchObject({ code: 422 });
		expect(
			(await api('POST', '/files', { contentType: 'video/mp4', duration: -1 })).body,
		).toMatchObject({ code: 422 });
		expect(
			(await api('POST', '/files', { contentType: 'video/mp4', size: 1.5 })).body,
		).toMatchObject({ code: 422 });
		for (const contentType of ACCEPTED_CONTENT_TYPES) {
			expect((await api('POST', '/files', { contentType })).status).toBe(201);
		}
	});

	test('storage refuses an Authorization header, another Content-Type, an expired URL', async () => {
		const sign = async () =>
			(await api('POST', '/files', { contentType: 'image/png', filename: 'a.png' })).body.data;
		const first = await sign();
		const withAuth = await fetch(first.uploadUrl, {
			method: 'PUT',
			headers: { 'content-type': 'image/png', authorization: `Bearer ${DEFAULT_TOKEN}` },
			body: 'x',
		});
		expect(withAuth.status).toBe(400);
		const otherType = await fetch(first.uploadUrl, {
			method: 'PUT',
			headers: { 'content-type': 'image/jpeg' },
			body: 'x',
		});
		expect(otherType.status).toBe(403);
		expect(await otherType.text()).toContain('SignatureDoesNotMatch');
		env.fake.storage.expireNextUploads = 1;
		const expired = await sign();
		const late = await fetch(expired.uploadUrl, {
			method: 'PUT',
			headers: { 'content-type': 'image/png' },
			body: 'x',
		});
		expect(late.status).toBe(403);
		expect(await late.text()).toContain('Request has expired');
		const unsigned = await fetch(first.uploadUrl.split('?')[0], {
			method: 'PUT',
			headers: { 'content-type': 'image/png' },
			body: 'x',
		});
		expect(unsigned.status).toBe(403);
		expect((await api('GET', '/files')).body.data.total).toBe(0);
	});

	test('GET /files pages, filters by type and context, and validates its query', async () => {
		const scope = env.fake.scopeOf(DEFAULT_TOKEN);
		const files = env.fake.modules.files;
		for (let i = 0; i < 3; i++)
			files.seedFile(scope, {
				contentType: 'image/png',
				createdAt: `2026-01-0${i + 1}T00:00:00.000Z`,
			});
		files.seedFile(scope, { contentType: 'video/mp4', createdAt: '2026-01-05T00:00:00.000Z' });
		files.seedFile(scope, {
			contentType: 'image/png',
			context: 'ai-studio',
			createdAt: '2026-01-06T00:00:00.000Z',
		});
		files.seedFile(env.fake.scopeOf(PERSONAL_TOKEN), { contentType: 'image/png' });

		const all = (await api('GET', '/files')).body.data;
		expect(all.total).toBe(4);
		expect(all.files[0].contentType).toBe('video/mp4'); // newest first
		const page = (await api('GET', '/files?limit=2&offset=2')).body.data;
		expect(page).toMatchObject({ total: 4, limit: 2, offset: 2 });
		expect(page.files).toHaveLength(2);
		expect((await api('GET', '/files?type=video')).body.data.total).toBe(1);
		expect((await api('GET', '/files?context=ai-studio')).body.data.total).toBe(1);
		expect((await api('GET', '/files?context=ai-studio,partner-api')).body.data.total).toBe(5);
		expect((await api('GET', '/files?context=all&type=image')).body.data.total).toBe(4);
		for (const bad of [
			'limit=0',
			'limit=101',
			'offset=-1',
			'type=audio',
			'context=',
			'context=Bad%20one',
		]) {
			expect((await api('GET', `/files?${bad}`)).body).toMatchObject({
				code: 400,
				error_code: 'invalid_query_parameter',
			});
		}
	});
});
