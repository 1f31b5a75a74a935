#!/usr/bin/env node
/**
 * Drafts the output schemas (nodes/Genviral/__schema__, nodes/GenviralTrigger/__schema__) from
 * what the nodes really emit and from the API reference. The committed JSON is the source of
 * truth; this script only writes a first draft or a refresh, to be reviewed in the diff.
 *
 *   npm run build
 *   GENVIRAL_SCHEMA_RECORD=/tmp/rec npx jest          # every engine test records its items
 *   node scripts/generate-schemas.mjs /tmp/rec [../shared/genviral-api/endpoints.json]
 *
 * Field types come from the recorded items and from every response example of the reference
 * (a field null in one is nullable); enums are the reference's documented value lists (ENUMS
 * below); objects are closed (additionalProperties: false) except the ones the reference
 * documents as free-form (OPEN below, with why).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const [
	recordings,
	referenceFile = path.join(ROOT, '..', 'shared', 'genviral-api', 'endpoints.json'),
] = process.argv.slice(2);
if (!recordings) {
	console.error('usage: node scripts/generate-schemas.mjs <recordings folder> [endpoints.json]');
	process.exit(2);
}

const POST_STATUSES = [
	'draft',
	'pending',
	'scheduled',
	'posted',
	'failed',
	'partial',
	'retry',
	'canceled',
];
const REFRESH_STATUSES = ['pending', 'processing', 'completed', 'failed'];

/**
 * Documented value lists (reference README: post statuses "Posts → list" and "Posts → create";
 * refresh statuses "Analytics → get refresh"; analytics platforms "create target"; pack image
 * metadata statuses "async operations"). Keyed by `<schema key>` and a JSON path in the item.
 */
const ENUMS = {
	'post/create': { status: POST_STATUSES },
	'post/get': { status: POST_STATUSES },
	'post/getMany': { status: POST_STATUSES },
	'post/update': { status: POST_STATUSES },
	'event/postStatusChanged': { status: POST_STATUSES, previousStatus: POST_STATUSES },
	'analyticsRefresh/get': { status: REFRESH_STATUSES },
	'analyticsTarget/refresh': { 'refresh.status': REFRESH_STATUSES },
	'event/targetRefreshed': { status: REFRESH_STATUSES },
	'analyticsTarget/create': { 'target.platform': ['tiktok', 'instagram', 'youtube'] },
	'analyticsTarget/get': { 'target.platform': ['tiktok', 'instagram', 'youtube'] },
	'analyticsTarget/getMany': { platform: ['tiktok', 'instagram', 'youtube'] },
	'imagePack/get': { 'images[].metadata.status': REFRESH_STATUSES },
};

/**
 * Objects whose keys the reference does not fix: they stay open (any further key is valid), and
 * the schema says why in `x-open`. Matched on the field name anywhere in an item.
 */
const OPEN = {
	metadata: 'free-form metadata the API stores as given',
	config: 'a template config: structure, content and visuals as the template author wrote them',
	settings: 'slideshow settings as the reference shows them; further keys may appear',
	by_status: 'counters per post status; a status without posts may be absent',
	inputs: 'a Studio model’s input description, which differs per model',
	tiktok: 'TikTok settings of the post as sent (reference: per-provider settings)',
	pinterest: 'Pinterest settings of the post as sent (reference: per-provider settings)',
	provider_settings: 'per-provider settings of the post as sent',
	details: 'error details as the API gives them',
};

/**
 * Fields that are null in every recorded item and in every reference example: their type as the
 * reference documents it elsewhere (request bodies of the same field, field notes).
 */
const FIELD_TYPES = {
	music_url: ['string'], // Posts → create/update body: a TikTok URL, null when none
	tiktok: ['object'], // Posts → create/update body: TikTok settings object, null when none
	pinterest: ['object'], // Posts → create/update body: Pinterest settings object, null when none
	product_id: ['string'], // Slideshows → generate/update body: product uuid, null when detached
	productId: ['string'], // template config (camelCase of product_id)
	packId: ['string'], // template config: pack id
	pinnedImageUrl: ['string'], // template config: a slide's pinned image
	image_pack_id: ['string'], // Slideshows → update settings: pack id
	pack_assignments: ['array', 'object'], // Slideshows → generate: per-slide pack assignment
	grid_type: ['string'], // slides: 2x2 | 1+2 | vertical | horizontal
	grid_images: ['array'],
	image_overlays: ['array'], // slides: {id, image_url, x, y, width, height, rotation, opacity}[]
	background_filters: ['object'], // slides: the 10 filter keys
	rendered_image_url: ['string'],
	background_color: ['string'],
	text_color: ['string'],
	font_family: ['string'],
	border_radius: ['number'],
	height: ['number'],
	last_used_at: ['string'], // templates: ISO timestamp, null until first used
	delta: ['number'], // analytics totals: change against the previous period
	error: ['string'], // refresh / video / pack image: the failure message, null while none
	description: ['string'],
	accountAvatarUrl: ['string'],
	top_video_url: ['string'],
	sample_url: ['string'],
};

/** One merged view of a value's shape over many samples. */
function emptyShape() {
	return { types: new Set(), props: new Map(), items: undefined, count: 0, strings: new Set() };
}

function observe(shape, value) {
	shape.count++;
	if (value === null) shape.types.add('null');
	else if (Array.isArray(value)) {
		shape.types.add('array');
		shape.items ??= emptyShape();
		for (const element of value) observe(shape.items, element);
	} else if (typeof value === 'object') {
		shape.types.add('object');
		for (const [key, child] of Object.entries(value)) {
			if (!shape.props.has(key)) shape.props.set(key, emptyShape());
			observe(shape.props.get(key), child);
		}
	} else if (typeof value === 'number') shape.types.add('number');
	else shape.types.add(typeof value);
}

/** Types each field name has in the reference's response examples (for fields only seen null). */
const referenceTypes = new Map();
function collectReferenceTypes(value, key) {
	if (key !== undefined && value !== null) {
		const type = Array.isArray(value) ? 'array' : typeof value;
		if (!referenceTypes.has(key)) referenceTypes.set(key, new Set());
		referenceTypes.get(key).add(type);
	}
	if (key !== undefined && value === null) {
		if (!referenceTypes.has(key)) referenceTypes.set(key, new Set());
		referenceTypes.get(key).add('null');
	}
	if (Array.isArray(value)) for (const element of value) collectReferenceTypes(element, undefined);
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) collectReferenceTypes(v, k);
}

function toSchema(shape, { key, jsonPath, enums }) {
	const types = new Set(shape.types);
	const reference = key === undefined ? undefined : referenceTypes.get(key);
	// A field null in the reference is nullable; a field only ever seen null takes its type from the reference.
	if (reference?.has('null') && types.size > 0) types.add('null');
	for (const source of [
		reference,
		key === undefined ? undefined : recordedTypes.get(key),
		key === undefined ? undefined : FIELD_TYPES[key],
	]) {
		if (types.size === 1 && types.has('null') && source && [...source].some((t) => t !== 'null'))
			for (const t of source) types.add(t);
	}
	const schema = {};
	const concrete = [...types].filter((t) => t !== 'null');
	if (concrete.length === 0) {
		schema.description =
			'Always null in the reference and in every recorded output: type not documented.';
		return schema;
	}
	const typeList = [...types].sort();
	schema.type = typeList.length === 1 ? typeList[0] : typeList;
	const enumValues = enums[jsonPath];
	if (enumValues) schema.enum = types.has('null') ? [...enumValues, null] : [...enumValues];
	if (types.has('object')) {
		const properties = {};
		for (const [child, childShape] of [...shape.props.entries()].sort(([a], [b]) =>
			a.localeCompare(b),
		)) {
			properties[child] = toSchema(childShape, {
				key: child,
				jsonPath: jsonPath ? `${jsonPath}.${child}` : child,
				enums,
			});
		}
		schema.properties = properties;
		if (shape.props.size === 0) {
			schema.$comment =
				'Open object: its keys appear neither in the reference examples nor in any recorded output.';
			schema.additionalProperties = true;
		} else if (key !== undefined && OPEN[key]) {
			schema.$comment = `Open object: ${OPEN[key]}.`;
			schema.additionalProperties = true;
		} else schema.additionalProperties = false;
	}
	if (types.has('array')) {
		schema.items =
			shape.items && shape.items.count > 0
				? toSchema(shape.items, { key: undefined, jsonPath: `${jsonPath}[]`, enums })
				: {};
	}
	return schema;
}

function readRecording(file) {
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line));
}

function objectSchema(samples, enums, description) {
	const shape = emptyShape();
	for (const sample of samples) observe(shape, sample);
	return {
		...(description ? { description } : {}),
		...toSchema(shape, { key: undefined, jsonPath: '', enums }),
	};
}

/**
 * One schema for items of several shapes (Simplify on/off, trigger events): `properties` lists
 * every field (the editor shows them), `anyOf` holds each shape exactly (validation).
 */
function unionSchema(variants, enums, description) {
	const all = objectSchema(
		variants.flatMap((v) => v.samples),
		{},
		description,
	);
	return {
		...all,
		anyOf: variants.map((v) => ({
			...(v.schema ?? objectSchema(v.samples, enums)),
			description: v.name,
		})),
	};
}

function write(file, schema) {
	mkdirSync(path.dirname(file), { recursive: true });
	const ordered = { $schema: 'http://json-schema.org/draft-07/schema#', ...schema };
	writeFileSync(file, JSON.stringify(ordered, null, '\t') + '\n');
}

for (const endpoint of JSON.parse(readFileSync(referenceFile, 'utf8')))
	collectReferenceTypes(endpoint.responseExample?.data, undefined);

const { RESOURCES } = require(path.join(ROOT, 'dist/nodes/Genviral/actions/resources.js'));
const { eventOptions } = require(path.join(ROOT, 'dist/nodes/GenviralTrigger/description.js'));
const recorded = new Set(readdirSync(recordings));
/** Types each field name has in any recorded item of any operation (for fields only seen null in one). */
const recordedTypes = new Map();
function collectRecordedTypes(value, key) {
	if (key !== undefined && value !== null) {
		if (!recordedTypes.has(key)) recordedTypes.set(key, new Set());
		recordedTypes.get(key).add(Array.isArray(value) ? 'array' : typeof value);
	}
	if (Array.isArray(value)) for (const element of value) collectRecordedTypes(element, undefined);
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) collectRecordedTypes(v, k);
}
for (const file of recorded)
	for (const item of readRecording(path.join(recordings, file)))
		collectRecordedTypes(item, undefined);
const missing = [];

const nodeSchemaDir = path.join(ROOT, 'nodes/Genviral/__schema__/v1.0.0');
rmSync(nodeSchemaDir, { recursive: true, force: true });
for (const resource of RESOURCES) {
	const selector = resource.properties.find((p) => p.name === 'operation');
	for (const operation of Object.keys(resource.operations)) {
		const option = selector.options.find((o) => o.value === operation);
		const file = `node__${resource.value}__${operation}.jsonl`;
		if (!recorded.has(file)) {
			missing.push(`${resource.value}/${operation}`);
			continue;
		}
		const samples = readRecording(path.join(recordings, file));
		const key = `${resource.value}/${operation}`;
		const enums = Object.fromEntries(Object.entries(ENUMS[key] ?? {}));
		// The operation's own description (what it returns) tells the editor and the AI builder what an item is.
		const description = `${resource.name} → ${option.name}: ${option.description}`;
		let schema;
		if (key === 'analytics/getPosts') {
			// Simplify (on by default) flattens each row; both shapes are valid output of this operation.
			const simplified = samples.filter((s) => 'analyticsId' in s);
			const raw = samples.filter((s) => !('analyticsId' in s));
			schema = unionSchema(
				[
					{ name: 'Simplify on (the default): one flat row per post', samples: simplified },
					{ name: 'Simplify off: the API’s row as it is', samples: raw },
				].filter((v) => v.samples.length > 0),
				enums,
				description,
			);
		} else {
			schema = objectSchema(samples, enums, description);
		}
		write(path.join(nodeSchemaDir, resource.value, `${operation}.json`), schema);
	}
}

const triggerSchemaDir = path.join(ROOT, 'nodes/GenviralTrigger/__schema__/v1.0.0');
rmSync(triggerSchemaDir, { recursive: true, force: true });
const events = [];
for (const event of eventOptions) {
	const file = `trigger__${event.value}.jsonl`;
	if (!recorded.has(file)) {
		missing.push(`trigger event ${event.value}`);
		continue;
	}
	const samples = readRecording(path.join(recordings, file));
	const schema = objectSchema(
		samples,
		ENUMS[`event/${event.value}`] ?? {},
		`Genviral Trigger, event "${event.name}": ${event.description ?? ''}`.trim(),
	);
	write(path.join(triggerSchemaDir, 'event', `${event.value}.json`), schema);
	events.push({ name: `Event "${event.name}" (${event.value})`, samples, schema });
}
// A node without resource/operation parameters has one schema where n8n's /schemas route looks
// (`__schema__/v1.0.0.json`, no fallback): it describes every event.
write(
	path.join(ROOT, 'nodes/GenviralTrigger/__schema__/v1.0.0.json'),
	unionSchema(
		events,
		{},
		'Genviral Trigger: one item per event. Which fields an item has depends on the Event parameter (see anyOf).',
	),
);

if (missing.length > 0) {
	console.error(`no recorded output for: ${missing.join(', ')}`);
	process.exit(1);
}
console.log('schemas written');
