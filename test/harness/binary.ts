/**
 * n8n's binary data modes in the test engine. n8n keeps an item's binary either in memory (the
 * bytes base64 in the item: `N8N_DEFAULT_BINARY_DATA_MODE=default`) or in its binary store on
 * disk (the item carries an `id`: `filesystem`, n8n's default since 1.x). n8n-core's
 * BinaryDataService is a singleton of its DI container; this switches its mode as n8n does at
 * start-up (config, then `init()`), and stores files as an upstream node would (Read File, HTTP
 * Request with a file response), so tests can pin items that carry them.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';

import { BinaryDataConfig, BinaryDataService, FileLocation } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

/** The DI container n8n-core itself uses (a dependency of n8n-core, not of this package). */
const { Container } = createRequire(require.resolve('n8n-core'))('@n8n/di') as {
	Container: { get<T>(type: abstract new (...args: never[]) => T): T };
};

export type BinaryMode = 'memory' | 'filesystem';

/** Where pinned test files live in the binary store (an execution of a workflow that made them). */
const PINNED_LOCATION = FileLocation.ofExecution('test-workflow', 'pinned-items');

let currentMode: BinaryMode = 'memory';

/** Switch n8n's binary data mode for the rest of this process (a jest test file is one). */
export async function setBinaryDataMode(
	mode: BinaryMode,
	storagePath?: string,
): Promise<string | undefined> {
	const config = Container.get(BinaryDataConfig);
	config.mode = mode === 'memory' ? 'default' : 'filesystem';
	const directory =
		mode === 'filesystem'
			? (storagePath ?? mkdtempSync(path.join(os.tmpdir(), 'n8n-binary-')))
			: undefined;
	if (directory) config.localStoragePath = directory;
	await Container.get(BinaryDataService).init();
	currentMode = mode;
	return directory;
}

export function binaryDataMode(): BinaryMode {
	return currentMode;
}

/**
 * A binary as an upstream node hands it over in the current mode: base64 `data` in memory mode,
 * an `id` into the store (and `data` = the mode's name) in filesystem mode.
 */
export async function storeBinary(
	content: Buffer | Readable,
	meta: { mimeType: string; fileName?: string; fileExtension?: string },
): Promise<IBinaryData> {
	const binary: IBinaryData = { data: '', mimeType: meta.mimeType };
	if (meta.fileName !== undefined) binary.fileName = meta.fileName;
	if (meta.fileExtension !== undefined) binary.fileExtension = meta.fileExtension;
	return await Container.get(BinaryDataService).store(PINNED_LOCATION, content, binary);
}

/** Read a binary back (either mode): what a downstream node would get. */
export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}
