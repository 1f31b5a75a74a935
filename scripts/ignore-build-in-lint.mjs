// `n8n-node lint` lints the whole folder with n8n's Cloud rules; build/ holds the compiled
// scripts, tests and benchmarks (`npm run build:scripts`), which are not node code and whose
// sources are linted where they live. An ESLint config inside build/ tells it to skip them.
import { mkdirSync, writeFileSync } from 'node:fs';

mkdirSync('build', { recursive: true });
writeFileSync('build/eslint.config.mjs', "export default [{ ignores: ['**/*'] }];\n");
