/**
 * The fake's files (reference section 5): `POST /files` signs an upload on the fake storage
 * origin (`fake.storage`) and answers its `uploadUrl` and the file's public `url`; the bytes are
 * then PUT there, without the API token. `GET /files` lists the scope's files, newest first.
 *
 * A file from `POST /files` is listed only once its bytes are in storage (reference 5.1:
 * "inferred: the file row becomes visible in GET /files after upload"), with the size actually
 * stored. Files of other contexts (Studio outputs, dashboard uploads) are seeded with
 * `seedFile()`; the default list shows the partner uploads only.
 */
import { randomUUID } from 'node:crypto';

import type { FakeModule, RouteContext } from '../module';
import { INVALID_JSON, readOffsetPage } from '../module';
import type { FakeGenviral, Reply } from '../server';
import { fail, ok } from '../server';
import { referenceEnum } from '../../harness/reference';

/**
 * Reference 5.1, `contentType`: the MIME types the API accepts, read from endpoints.json itself
 * (not copied), so the fake and the node's own list are checked against the contract.
 */
export const ACCEPTED_CONTENT_TYPES: readonly string[] = referenceEnum(
	'Files',
	'createUpload',
	'contentType',
);

/** Reference 5.1: the duration field's accepted names (its primary name is inferred: `duration_sec`). */
export const DURATION_FIELDS = [
	'duration_seconds',
	'duration',
	'durationSec',
	'video_duration_sec',
	'duration_sec',
] as const;

/** What the reference leaves open for files, guessed in one place. */
export const INFERRED_FILES = {
	/** POST /files errors are API-wide conventions (the page's list was not retrievable). */
	errorCodes: { invalidJson: 'invalid_json', invalidPayload: 'invalid_payload' },
	/** The context of files uploaded through `POST /files`: what `GET /files` shows without `context`. */
	partnerContext: 'partner-api',
	/** `GET /files` success message (not shown in the sources). */
	listMessage: 'Files retrieved',
	/** A context value: a lower-case slug such as `ai-studio` or `media-upload`. */
	contextPattern: /^[a-z0-9][a-z0-9_-]*$/,
} as const;

/** Signed upload URLs last this long (reference 5.1: `expiresIn` = 600). */
export const UPLOAD_EXPIRES_IN_SECONDS = 600;

export interface FakeFile {
	id: string;
	url: string;
	contentType: string;
	filename: string;
	/** The declared size for a pending upload; the stored size once uploaded (see `row`). */
	size: number | null;
	createdAt: string;
	context: string;
	durationSeconds: number | null;
	/** The storage key a `POST /files` upload waits on (undefined for seeded files). */
	uploadKey?: string;
	scope: string;
}

export interface FileSpec {
	contentType: string;
	filename?: string;
	size?: number;
	context?: string;
	durationSeconds?: number | null;
	createdAt?: string;
}

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'image/heic': 'heic',
	'image/heif': 'heif',
	'video/mp4': 'mp4',
	'video/quicktime': 'mov',
	'video/x-msvideo': 'avi',
	'video/webm': 'webm',
	'video/x-m4v': 'm4v',
};

export class FilesFake implements FakeModule {
	constructor(readonly fake: FakeGenviral) {}

	private readonly files: FakeFile[] = [];

	routes: FakeModule['routes'] = {
		'POST /files': (ctx) => this.createUpload(ctx),
		'GET /files': (ctx) => this.list(ctx),
	};

	reset(): void {
		this.files.length = 0;
	}

	/** A file of this scope by id (uploaded, or seeded); pending uploads are not found. */
	find(scope: string, id: string): FakeFile | undefined {
		const file = this.files.find(
			(f) => f.scope === scope && f.id.toLowerCase() === id.toLowerCase(),
		);
		return file && this.isStored(file) ? this.current(file) : undefined;
	}

	/** The file behind a public URL (any state), e.g. for posts to read its duration. */
	findByUrl(scope: string, url: string): FakeFile | undefined {
		const file = this.files.find((f) => f.scope === scope && f.url === url);
		return file && this.current(file);
	}

	/** Every file record of a scope, pending uploads included (for assertions). */
	all(scope: string): FakeFile[] {
		return this.files.filter((f) => f.scope === scope).map((f) => this.current(f));
	}

	/** A file deleted in the dashboard (the API has no delete): no longer listed. */
	remove(scope: string, id: string): boolean {
		const index = this.files.findIndex((f) => f.scope === scope && f.id === id);
		if (index === -1) return false;
		this.files.splice(index, 1);
		return true;
	}

	/** A stored file of another context (Studio output, dashboard upload), served by the storage origin. */
	seedFile(scope: string, spec: FileSpec): FakeFile {
		const filename = spec.filename ?? `${randomUUID()}.${EXTENSIONS[spec.contentType] ?? 'bin'}`;
		const size = spec.size ?? 2048;
		const url = this.fake.storage.putMedia(
			filename,
			spec.contentType,
			Buffer.alloc(Math.min(size, 65_536)),
		);
		const file: FakeFile = {
			id: randomUUID(),
			url,
			contentType: spec.contentType,
			filename,
			size,
			createdAt: spec.createdAt ?? new Date().toISOString(),
			context: spec.context ?? INFERRED_FILES.partnerContext,
			durationSeconds: spec.durationSeconds ?? null,
			scope,
		};
		this.files.push(file);
		return file;
	}

	private isStored(file: FakeFile): boolean {
		return file.uploadKey === undefined || this.fake.storage.object(file.uploadKey) !== undefined;
	}

	/** The record with what storage knows: the size actually uploaded. */
	private current(file: FakeFile): FakeFile {
		const stored =
			file.uploadKey === undefined ? undefined : this.fake.storage.object(file.uploadKey);
		return { ...file, size: stored ? stored.size : file.size };
	}

	private createUpload(ctx: RouteContext): Reply {
		const { invalidJson, invalidPayload } = INFERRED_FILES.errorCodes;
		if (ctx.body === INVALID_JSON) return fail(400, 'Invalid JSON body', invalidJson);
		const body = ctx.body;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return fail(422, 'Body must be a JSON object', invalidPayload);
		}
		const input = body as Record<string, unknown>;
		const contentType = input.contentType;
		if (contentType === undefined || contentType === null || contentType === '') {
			return fail(422, 'contentType is required', invalidPayload);
		}
		if (
			typeof contentType !== 'string' ||
			!(ACCEPTED_CONTENT_TYPES as readonly string[]).includes(contentType)
		) {
			return fail(422, `Unsupported contentType: ${String(contentType)}`, invalidPayload);
		}
		if (
			input.filename !== undefined &&
			input.filename !== null &&
			typeof input.filename !== 'string'
		) {
			return fail(422, 'filename must be a string', invalidPayload);
		}
		let durationSeconds: number | null = null;
		for (const field of DURATION_FIELDS) {
			const value = input[field];
			if (value === undefined || value === null) continue;
			if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
				return fail(422, `${field} must be a number of seconds, 0 or more`, invalidPayload);
			}
			durationSeconds ??= value;
		}
		if (input.size !== undefined && input.size !== null) {
			if (typeof input.size !== 'number' || !Number.isInteger(input.size) || input.size < 0) {
				return fail(422, 'size must be a whole number of bytes, 0 or more', invalidPayload);
			}
		}

		const filename =
			typeof input.filename === 'string' && input.filename.trim() !== ''
				? input.filename
				: `${randomUUID()}.${EXTENSIONS[contentType]}`;
		const prefix = ctx.key.workspaceId
			? `partner-api/workspaces/${ctx.key.workspaceId}`
			: `partner-api/users/${ctx.key.userId}`;
		const upload = this.fake.storage.newUpload(filename, {
			contentType,
			prefix,
			ttlMs: UPLOAD_EXPIRES_IN_SECONDS * 1000,
		});
		this.files.push({
			id: randomUUID(),
			url: upload.publicUrl,
			contentType,
			filename,
			size: typeof input.size === 'number' ? input.size : null,
			createdAt: new Date().toISOString(),
			context: INFERRED_FILES.partnerContext,
			durationSeconds,
			uploadKey: upload.key,
			scope: ctx.scope,
		});
		return ok(201, 'Upload URL generated', {
			uploadUrl: upload.uploadUrl,
			url: upload.publicUrl,
			contentType,
			expiresIn: UPLOAD_EXPIRES_IN_SECONDS,
		});
	}

	private list(ctx: RouteContext): Reply {
		const bad = (message: string) => fail(400, message, 'invalid_query_parameter');
		const { query } = ctx.req;
		const page = readOffsetPage(query, { defaultLimit: 50, maxLimit: 100 });
		if ('error' in page) return bad(page.error);
		if (query.type !== undefined && query.type !== 'image' && query.type !== 'video') {
			return bad('type must be image or video');
		}
		let contexts: string[] | 'all' = [INFERRED_FILES.partnerContext];
		if (query.context !== undefined) {
			const values = query.context.split(',').map((c) => c.trim());
			if (values.some((c) => !INFERRED_FILES.contextPattern.test(c)))
				return bad(`Invalid context: ${query.context}`);
			contexts = values.includes('all') ? 'all' : values;
		}
		const matching = this.files
			.filter((f) => f.scope === ctx.scope && this.isStored(f))
			.filter((f) => query.type === undefined || f.contentType.startsWith(`${query.type}/`))
			.filter((f) => contexts === 'all' || contexts.includes(f.context))
			// Newest first; among files of the same millisecond, the later one first.
			.map((f, order) => ({ file: this.current(f), order }))
			.sort((a, b) =>
				a.file.createdAt === b.file.createdAt
					? b.order - a.order
					: a.file.createdAt < b.file.createdAt
						? 1
						: -1,
			)
			.map(({ file }) => file);
		return ok(200, INFERRED_FILES.listMessage, {
			files: matching.slice(page.offset, page.offset + page.limit).map((f) => ({
				id: f.id,
				url: f.url,
				contentType: f.contentType,
				filename: f.filename,
				size: f.size,
				createdAt: f.createdAt,
			})),
			total: matching.length,
			limit: page.limit,
			offset: page.offset,
		});
	}
}
