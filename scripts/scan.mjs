// `npm run scan`: n8n's community package scanner (@n8n/scan-community-package), offline.
// The scanner's own CLI first downloads the published package from the npm registry and
// checks its provenance attestation on GitHub, which an unpublished build has neither of;
// both need the network. Its analysis itself (`analyzePackage`: n8n's community-node ESLint
// rules with the scanner's exact config) runs here on the two things it scans:
//   1. the packed tarball, as n8n would download it (compiled JS and package.json);
//   2. the source (package.json, nodes/ and credentials/), as it scans a provenance checkout.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	SOURCE_FILE_PATTERNS,
	analyzePackage,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'genviral-scan-'));
let failed = false;
try {
	execFileSync('npm', ['pack', '--pack-destination', work, '--ignore-scripts'], {
		cwd: root,
		stdio: 'ignore',
	});
	const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
	execFileSync('tar', ['-xzf', tarball], { cwd: work });
	const legs = [
		['packed tarball', path.join(work, 'package'), undefined],
		['source (nodes/, credentials/, package.json)', root, SOURCE_FILE_PATTERNS],
	];
	for (const [label, dir, patterns] of legs) {
		const result = await analyzePackage(dir, patterns);
		if (result.passed) {
			process.stdout.write(
				`scan: ${label}: passed, no findings${result.message ? ` (${result.message})` : ''}\n`,
			);
		} else {
			failed = true;
			process.stdout.write(`scan: ${label}: FAILED: ${result.message}\n${result.details ?? ''}\n`);
		}
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
