/**
 * Every documented error of the 15 template and folder endpoints (read from endpoints.json),
 * provoked through the node: by real state or input at the fake wherever the fake can reach it,
 * by injection only where it cannot (path parameters the node never leaves empty or malformed,
 * bodies it always sends as valid JSON, 500s, codes-less statuses). The table must name a way
 * for every documented case: a new documented error fails the completeness test.
 */
import { randomUUID } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { sampleTemplateConfig } from '../fake-genviral/resources/templates';
import type { FakeGenviral } from '../fake-genviral/server';
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { COVERED } from '../harness/coverage';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';
import { documentedErrorCases, endpoint } from '../harness/reference';
import { seedMedia } from './folderMedia';

const PERSONAL_TOKEN = 'gva_live_9f9f9f.personal-secret';
const PLAN_GATE: Record<string, string> = {
	'401 invalid_token': 'gva_live_000000.not-a-key',
	'402 subscription_required': 'gva_live_d0d0d0.unpaid-secret',
	'403 tier_not_allowed': 'gva_live_5c5c5c.scheduler-secret',
};

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const config = (overrides: Record<string, unknown> = {}) =>
	JSON.stringify({ ...sampleTemplateConfig(), ...overrides });

interface Provocation {
	parameters: INodeParameters;
	token?: string;
}
/** 'inject': the fake cannot reach this state through the node; a provocation: real state/input. */
type Way = 'inject' | ((fake: FakeGenviral) => Provocation);

const template = (operation: string, fields: INodeParameters) => ({
	resource: 'template',
	operation,
	...fields,
});
const folder = (operation: string, fields: INodeParameters) => ({
	resource: 'folder',
	operation,
	...fields,
});
const someoneElsesPublicTemplate = (fake: FakeGenviral) =>
	fake.modules.templates.seed({
		visibility: 'public',
		scope: 'another-workspace',
		ownerUserId: randomUUID(),
	}).id;
const personalTemplate = (fake: FakeGenviral) =>
	fake.modules.templates.seed({
		scope: fake.scopeOf(PERSONAL_TOKEN),
		ownerUserId: fake.keys[PERSONAL_TOKEN].userId,
	}).id;
/** A folder made in the Genviral app for something the Partner API does not serve. */
const unsupportedFolder = (fake: FakeGenviral) =>
	fake.modules.folders.seed({ media_type: 'brand_kit' }).id;
const withSlideshow = (fake: FakeGenviral, slides = 2) => {
	const id = randomUUID();
	fake.modules.templates.slideshowLookup = (_scope, wanted) =>
		wanted === id
			? {
					id,
					title: 'Habits',
					slides: Array.from({ length: slides }, () => ({
						image_url: 'https://cdn.example.org/a.jpg',
						text_elements: [],
					})),
				}
			: undefined;
	return id;
};

/** Reference operation → `${status} ${error_code}` → how to provoke it. */
const WAYS: Record<string, Record<string, Way>> = {
	'Templates list': { '422 invalid_query': 'inject' },
	'Templates get': {
		'400 missing_template_id': 'inject',
		'404 not_found': (fake) => ({
			parameters: template('get', { templateId: byId(personalTemplate(fake)) }),
		}),
	},
	'Templates create': {
		'400 invalid_json': 'inject',
		'422 invalid_payload': () => ({
			parameters: template('create', {
				name: 'Shared',
				config: config(),
				additionalFields: { visibility: 'workspace' },
			}),
			token: PERSONAL_TOKEN,
		}),
		'409 template_name_conflict': (fake) => {
			fake.modules.templates.seed({ name: 'Listicle' });
			return { parameters: template('create', { name: 'Listicle', config: config() }) };
		},
		'422 invalid_template_config': () => ({
			parameters: template('create', {
				name: 'Wide',
				config: config({ visuals: { aspectRatio: '16:9' } }),
			}),
		}),
		'500 template_create_failed': 'inject',
	},
	'Templates update': {
		'400 missing_template_id': 'inject',
		'400 invalid_json': 'inject',
		'422 invalid_payload': (fake) => ({
			parameters: template('update', {
				templateId: byId(personalTemplate(fake)),
				updateFields: { visibility: 'workspace' },
			}),
			token: PERSONAL_TOKEN,
		}),
		'404 not_found': (fake) => ({
			parameters: template('update', {
				templateId: byId(personalTemplate(fake)),
				updateFields: { name: 'x' },
			}),
		}),
		'403 forbidden_template': (fake) => ({
			parameters: template('update', {
				templateId: byId(someoneElsesPublicTemplate(fake)),
				updateFields: { name: 'Mine' },
			}),
		}),
		'409 template_name_conflict': (fake) => {
			fake.modules.templates.seed({ name: 'Taken' });
			return {
				parameters: template('update', {
					templateId: byId(fake.modules.templates.seed().id),
					updateFields: { name: 'Taken' },
				}),
			};
		},
		'422 invalid_template_config': (fake) => ({
			parameters: template('update', {
				templateId: byId(fake.modules.templates.seed().id),
				updateFields: { config: config({ content: { mode: 'robot' } }) },
			}),
		}),
		'500 template_update_failed': 'inject',
	},
	'Templates delete': {
		'400 missing_template_id': 'inject',
		'404 not_found': (fake) => ({
			parameters: template('delete', { templateId: byId(personalTemplate(fake)) }),
		}),
		'403 forbidden_template': (fake) => ({
			parameters: template('delete', { templateId: byId(someoneElsesPublicTemplate(fake)) }),
		}),
		'500 template_delete_failed': 'inject',
	},
	'Templates createFromSlideshow': {
		'400 missing_slideshow_id': 'inject',
		'400 invalid_json': 'inject',
		'422 invalid_payload': (fake) => ({
			parameters: template('createFromSlideshow', {
				slideshowId: withSlideshow(fake),
				additionalFields: { visibility: 'workspace' },
			}),
			token: PERSONAL_TOKEN,
		}),
		'404 slideshow_not_found': () => ({
			parameters: template('createFromSlideshow', { slideshowId: randomUUID() }),
		}),
		'409 template_name_conflict': (fake) => {
			fake.modules.templates.seed({ name: 'Habits' });
			return {
				parameters: template('createFromSlideshow', {
					slideshowId: withSlideshow(fake),
					additionalFields: { name: 'Habits' },
				}),
			};
		},
		'422 invalid_template_config': (fake) => ({
			parameters: template('createFromSlideshow', { slideshowId: withSlideshow(fake, 11) }),
		}),
		'500 template_create_failed': 'inject',
	},
	'Folders list': {
		'400 invalid_query_parameter': 'inject',
		'401 null': 'inject',
		'403 null': 'inject',
		'500 folders_list_failed': 'inject',
	},
	'Folders create': {
		'409 folder_name_conflict': (fake) => {
			fake.modules.folders.seed({ name: 'Clients' });
			return { parameters: folder('create', { name: 'Clients', mediaType: 'upload' }) };
		},
		// A parent of another media type (the fake's guess for this code: FOLDERS_INFERRED).
		'422 invalid_payload': (fake) => ({
			parameters: folder('create', {
				name: 'Shows',
				mediaType: 'slideshow',
				parentFolderId: byId(fake.modules.folders.seed().id),
			}),
		}),
	},
	'Folders get': {
		'400 missing_folder_id': 'inject',
		'422 invalid_path': 'inject',
		'422 invalid_folder_media_type': (fake) => ({
			parameters: folder('get', { folderId: byId(unsupportedFolder(fake)) }),
		}),
		'404 not_found': () => ({ parameters: folder('get', { folderId: byId(randomUUID()) }) }),
		'500 folder_get_failed': 'inject',
	},
	'Folders move': {
		'400 missing_folder_id': 'inject',
		'400 invalid_json': 'inject',
		'422 invalid_path': 'inject',
		'422 invalid_folder_media_type': (fake) => ({
			parameters: folder('move', { folderId: byId(unsupportedFolder(fake)), moveTo: 'root' }),
		}),
		'404 not_found': (fake) => ({
			parameters: folder('move', {
				folderId: byId(fake.modules.folders.seed().id),
				moveTo: 'folder',
				parentFolderId: byId(randomUUID()),
			}),
		}),
		'409 folder_move_conflict': (fake) => {
			const parent = fake.modules.folders.seed({ name: 'Parent' });
			fake.modules.folders.seed({ name: 'Twin' });
			const twin = fake.modules.folders.seed({ name: 'Twin', parent_folder_id: parent.id });
			return { parameters: folder('move', { folderId: byId(twin.id), moveTo: 'root' }) };
		},
		'422 invalid_payload': (fake) => ({
			parameters: folder('move', {
				folderId: byId(fake.modules.folders.seed().id),
				moveTo: 'folder',
				parentFolderId: byId(fake.modules.folders.seed({ media_type: 'slideshow' }).id),
			}),
		}),
		'500 folder_update_failed': 'inject',
	},
	'Folders delete': {
		'400 missing_folder_id': 'inject',
		'422 invalid_path': 'inject',
		'404 not_found': () => ({ parameters: folder('delete', { folderId: byId(randomUUID()) }) }),
		'500 folder_delete_failed': 'inject',
	},
	'Folders ancestors': {
		'404 not_found': () => ({
			parameters: folder('getAncestors', { folderId: byId(randomUUID()) }),
		}),
		'422 invalid_path': 'inject',
	},
	'Folders listItems': {
		'400 invalid_query_parameter': 'inject',
		'422 invalid_path': 'inject',
		'422 invalid_folder_media_type': (fake) => ({
			parameters: folder('getItems', { folderId: byId(unsupportedFolder(fake)), returnAll: true }),
		}),
		'404 not_found': () => ({
			parameters: folder('getItems', { folderId: byId(randomUUID()), returnAll: true }),
		}),
	},
	'Folders addItems': {
		'400 invalid_json': 'inject',
		'422 invalid_path': 'inject',
		'422 invalid_payload': 'inject',
		'404 not_found': () => ({
			parameters: folder('addItems', {
				folderId: byId(randomUUID()),
				itemType: 'any',
				itemIds: randomUUID(),
			}),
		}),
		'404 item_not_found': (fake) => {
			seedMedia(fake, { files: 1 });
			return {
				parameters: folder('addItems', {
					folderId: byId(fake.modules.folders.seed().id),
					itemType: 'any',
					itemIds: randomUUID(),
				}),
			};
		},
		'500 folder_items_add_failed': 'inject',
	},
	'Folders removeItems': {
		'400 invalid_json': 'inject',
		'422 invalid_path': 'inject',
		'422 invalid_payload': 'inject',
		'404 not_found': () => ({
			parameters: folder('removeItems', {
				folderId: byId(randomUUID()),
				itemType: 'any',
				itemIds: randomUUID(),
			}),
		}),
		'404 item_not_found': (fake) => ({
			parameters: folder('removeItems', {
				folderId: byId(fake.modules.folders.seed().id),
				itemType: 'any',
				itemIds: randomUUID(),
			}),
		}),
		'500 null': 'inject',
	},
};

const MINE = COVERED.filter(([resource]) => resource === 'Templates' || resource === 'Folders');

const cases = MINE.flatMap(([resource, operation, parameters]) => {
	const ref = endpoint(resource, operation);
	return documentedErrorCases(ref).map((c) => {
		const key = `${c.status} ${c.errorCode}`;
		return {
			name: `${ref.method} ${ref.path}: HTTP ${key}`,
			table: `${resource} ${operation}`,
			key,
			target: `${ref.method} ${ref.path}`,
			parameters,
			...c,
		};
	});
});

describe('documented errors of the template and folder endpoints', () => {
	const env = useFakeGenviral();

	test('all 15 endpoints are covered and every documented case has a way to provoke it', () => {
		expect(MINE).toHaveLength(15);
		const missing = cases
			.filter((c) => !(c.key in PLAN_GATE) && WAYS[c.table]?.[c.key] === undefined)
			.map((c) => c.name);
		expect(missing).toEqual([]);
		const stale = Object.entries(WAYS).flatMap(([table, ways]) =>
			Object.keys(ways)
				.filter((key) => !cases.some((c) => c.table === table && c.key === key))
				.map((key) => `${table}: ${key}`),
		);
		expect(stale).toEqual([]);
	});

	test.each(cases)('$name', async ({ table, key, target, parameters, status, errorCode }) => {
		const way = key in PLAN_GATE ? undefined : WAYS[table][key];
		let run: Provocation;
		let injectedMessage: string | undefined;
		if (way === 'inject') {
			injectedMessage = `Documented failure ${key}`;
			env.fake.inject(target, {
				kind: 'error',
				status,
				error_code: errorCode,
				message: injectedMessage,
			});
			run = { parameters };
		} else if (way === undefined) {
			run = { parameters, token: PLAN_GATE[key] };
		} else {
			run = way(env.fake);
		}

		const { error } = await runGenviral(
			env.fake,
			{ ...run.parameters, options: { maxRetries: 0 } },
			{ token: run.token ?? DEFAULT_TOKEN },
		);

		const sent = env.fake.requestsTo(target);
		expect(sent).toHaveLength(1);
		expect(error?.name).toBe('NodeApiError');
		expect((error as unknown as { httpCode: string }).httpCode).toBe(String(status));
		expect(error?.context.errorCode).toBe(errorCode);
		expect(error?.context.itemIndex).toBe(0);
		expect(error?.description).toContain(`HTTP ${status} from ${target.split(' ')[0]} `);
		if (injectedMessage !== undefined) expect(error?.message).toBe(injectedMessage);
		else expect(error?.message).not.toBe('');
	});
});
