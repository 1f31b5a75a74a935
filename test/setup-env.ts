// n8n-core writes its instance settings under N8N_USER_FOLDER (default: the home folder).
// Every test process gets a fresh temporary one.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.N8N_USER_FOLDER = mkdtempSync(path.join(os.tmpdir(), 'n8n-genviral-test-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
