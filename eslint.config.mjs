// n8n's own community-node rules (the config `n8n-node lint` uses, with n8n Cloud's strict
// checks: no process/globalThis/timers/console, no runtime dependencies, ...).
import { config } from '@n8n/node-cli/eslint';

export default config;
