// Development code (tests, the fake API, scripts, benchmarks) runs in Node, not in n8n:
// n8n's community-node rules of the root config are for nodes/ and credentials/ only.
// `npm run lint` looks configs up from each file (ESLint 10's default), so this one
// takes over here.
import { globalIgnores } from 'eslint/config';

export default [globalIgnores(['**'])];
