/**
 * Issue 15, blind spot: a date-time typed without an offset is read in the workflow's time
 * zone, not in UTC. Every `dateTime` parameter of the node (options of collections included)
 * is found in its description, so a new one is tested as soon as it is declared (the guard
 * test fails until it has its fixture). The value is 00:30 local time in Asia/Tokyo (UTC+9),
 * which is the previous day in UTC: read in UTC it would be nine hours off, and a `format:
 * 'date'` field would get the wrong calendar day. Each case runs in the engine against the fake
 * and reads what the API was sent.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { GENVIRAL_NODE_TYPE, loadTypes, runWorkflow } from '../harness/engine';
import { useFakeGenviral } from '../harness/fixtures';
import { genviralWorkflow } from '../harness/genviral';

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
const accounts = () => env.fake.modules.accounts.defaults(scope());
const TIME_ZONE = 'Asia/Tokyo';

interface DateField {
	resource: string;
	operation: string;
	/** The parameter, or `collection.option`. */
	path: string;
	/** `format: 'date'`: sent as the UTC calendar date. */
	dateOnly: boolean;
}

function dateFields(properties: INodeProperties[]): DateField[] {
	const found: DateField[] = [];
	const visit = (
		list: INodeProperties[],
		prefix: string,
		shown?: INodeProperties['displayOptions'],
	) => {
		for (const property of list) {
			const show = property.displayOptions?.show ?? shown?.show;
			if (property.type === 'dateTime') {
				for (const resource of (show?.resource ?? []) as string[]) {
					for (const operation of (show?.operation ?? []) as string[]) {
						found.push({
							resource,
							operation,
							path: `${prefix}${property.name}`,
							dateOnly: property.typeOptions?.format === 'date',
						});
					}
				}
			}
			if (property.type === 'collection')
				visit(property.options as INodeProperties[], `${property.name}.`, { show });
		}
	};
	visit(properties, '');
	return found;
}

const queryOf = (endpoint: string) =>
	env.fake.requestsTo(endpoint)[0]?.query as Record<string, unknown> | undefined;
const bodyOf = (endpoint: string) =>
	env.fake.requestsTo(endpoint)[0]?.body as Record<string, unknown> | undefined;
const POST_ID = '0a0a0a0a-b0b0-4000-8000-000000000001';

/**
 * For each field: the other parameters, the local wall time typed (future for schedules, past
 * for analytics ranges) and where the API received it. Keyed by `resource.operation.path`.
 */
const FIXTURES: Record<
	string,
	{ base: () => INodeParameters; local: string; sent: () => unknown }
> = {
	'analytics.getPosts.startDate': {
		base: () => ({ dateRange: 'custom', endDate: '2026-06-30' }),
		local: '2026-03-01T00:30:00',
		sent: () => queryOf('GET /analytics/summary/posts')?.start,
	},
	'analytics.getPosts.endDate': {
		base: () => ({ dateRange: 'custom', startDate: '2026-01-01' }),
		local: '2026-03-01T00:30:00',
		sent: () => queryOf('GET /analytics/summary/posts')?.end,
	},
	'analytics.getSummary.startDate': {
		base: () => ({ dateRange: 'custom', endDate: '2026-06-30' }),
		local: '2026-03-01T00:30:00',
		sent: () => queryOf('GET /analytics/summary')?.start,
	},
	'analytics.getSummary.endDate': {
		base: () => ({ dateRange: 'custom', startDate: '2026-01-01' }),
		local: '2026-03-01T00:30:00',
		sent: () => queryOf('GET /analytics/summary')?.end,
	},
	'post.create.scheduledAt': {
		base: () => ({
			accountIds: [accounts().tiktok.id],
			caption: 'Later',
			postMedia: 'video',
			mediaSource: 'url',
			videoUrl: 'https://cdn.example.org/launch.mp4',
			schedule: 'at',
		}),
		local: '2027-03-01T00:30:00',
		sent: () => bodyOf('POST /posts')?.scheduled_at,
	},
	'post.getMany.filters.createdAfter': {
		base: () => ({ limit: 5 }),
		local: '2026-03-01T00:30:00',
		sent: () => queryOf('GET /posts')?.since,
	},
	'post.getMany.filters.createdBefore': {
		base: () => ({ limit: 5 }),
		local: '2026-03-01T00:30:00',
		sent: () => queryOf('GET /posts')?.until,
	},
	'post.update.updateFields.scheduledAt': {
		base: () => ({ postId: POST_ID, updateFields: { schedule: 'at' } }),
		local: '2027-03-01T00:30:00',
		sent: () => bodyOf('PATCH /posts/{id}')?.scheduled_at,
	},
};

function withValue(base: INodeParameters, path: string, value: string): INodeParameters {
	const [first, option] = path.split('.');
	if (option === undefined) return { ...base, [first]: value };
	return {
		...base,
		[first]: { ...((base[first] as INodeParameters | undefined) ?? {}), [option]: value },
	};
}

/** The instant a Tokyo wall time stands for (UTC+9 all year: no daylight saving). */
const tokyoInstant = (local: string) => Date.parse(`${local}+09:00`);

let fields: DateField[] = [];
beforeAll(async () => {
	const { nodeTypes } = await loadTypes();
	fields = dateFields(nodeTypes.getByNameAndVersion(GENVIRAL_NODE_TYPE, 1).description.properties);
});

test('the description declares the date fields this file knows, and each has a fixture', () => {
	const keys = fields.map((f) => `${f.resource}.${f.operation}.${f.path}`);
	expect(keys.length).toBeGreaterThanOrEqual(8);
	expect(keys.filter((key) => FIXTURES[key] === undefined)).toEqual([]);
});

test(`00:30 without an offset in an ${TIME_ZONE} workflow is 15:30 UTC the day before, for every date field`, async () => {
	for (const field of fields) {
		const key = `${field.resource}.${field.operation}.${field.path}`;
		const fixture = FIXTURES[key];
		env.fake.reset();
		const parameters = {
			resource: field.resource,
			operation: field.operation,
			...withValue(fixture.base(), field.path, fixture.local),
		};
		const run = await runWorkflow(
			{ ...genviralWorkflow(parameters), settings: { timezone: TIME_ZONE } },
			{
				credentials: { genviralApi: { apiToken: DEFAULT_TOKEN, baseUrl: env.fake.baseUrl } },
				pinData: { 'Manual Trigger': [{ json: {} }] },
			},
		);
		const sent = fixture.sent();
		const instant = tokyoInstant(fixture.local);
		if (field.dateOnly) {
			// The UTC calendar date: the day before the local one.
			expect({ key, sent, error: run.error?.message }).toEqual({
				key,
				sent: new Date(instant).toISOString().slice(0, 10),
				error: run.error?.message,
			});
			expect(sent).not.toBe(fixture.local.slice(0, 10));
		} else {
			expect({ key, sentInstant: typeof sent === 'string' ? Date.parse(sent) : sent }).toEqual({
				key,
				sentInstant: instant,
			});
			// Sent with the zone's offset, as typed.
			expect({ key, sent }).toEqual({ key, sent: `${fixture.local}+09:00` });
		}
	}
});
