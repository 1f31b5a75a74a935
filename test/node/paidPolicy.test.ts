/**
 * One policy for every credit-spending call (issue #16.3), in the engine against the fake: the
 * slideshow and Studio calls used to disagree on what a credits refusal is and on whether a
 * 5xx that is not Genviral's own may have run. Now each is declared on the request and handled
 * once in transport/, so both families answer the same way.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

const env = useFakeGenviral();
const scope = () => env.fake.scopeOf(DEFAULT_TOKEN);
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const pack = () =>
	env.fake.modules.packs.seedPack(scope(), { images: [{ url: 'https://cdn.example.org/1.jpg' }] })
		.id as string;

const calls: Array<[string, string, () => INodeParameters]> = [
	[
		'Slideshow → Generate',
		'POST /slideshows/generate',
		() => ({ resource: 'slideshow', operation: 'generate', prompt: 'x', packId: rl(pack()) }),
	],
	[
		'Studio → Generate Image',
		'POST /studio/images/generate',
		() => ({
			resource: 'studio',
			operation: 'generateImage',
			model: 'google/nano-banana-2',
			prompt: 'x',
		}),
	],
];

describe('one policy for credit-spending calls', () => {
	test.each(calls)(
		'%s: a 502 page that is not a Genviral envelope says the work may have run, sent once',
		async (_name, endpoint, parameters) => {
			env.fake.inject(endpoint, { kind: 'raw', status: 502, body: '<html>Bad Gateway</html>' });
			const { error } = await runGenviral(env.fake, {
				...parameters(),
				options: { maxRetries: 3, retryDelay: 1 },
			});
			expect(env.fake.requestsTo(endpoint)).toHaveLength(1);
			expect((error as { httpCode?: string } | undefined)?.httpCode).toBe('502');
			expect(error?.message).toMatch(/may have been generated and its credits spent$/);
			expect(error?.description).toContain('may have done the work and spent credits');
		},
	);

	test.each(calls)(
		'%s: a credits refusal is recognised by 402 or by error_code insufficient_credits; the balance is read once',
		async (_name, endpoint, parameters) => {
			for (const fault of [
				{
					kind: 'error' as const,
					status: 402,
					error_code: 'payment_required',
					message: 'Payment required',
				},
				{
					kind: 'error' as const,
					status: 403,
					error_code: 'insufficient_credits',
					message: 'Insufficient credits',
				},
			]) {
				env.fake.reset();
				env.fake.inject(endpoint, fault);
				const { error } = await runGenviral(env.fake, parameters());
				expect(error?.message).toBe(fault.message);
				expect((error as { httpCode?: string } | undefined)?.httpCode).toBe(String(fault.status));
				expect(error?.context.errorCode).toBe(fault.error_code);
				expect(error?.description).toMatch(/Credits left: \d+/);
				expect(error?.description).toContain('Nothing was done and no credits were spent.');
				expect(env.fake.requestsTo('GET /subscription')).toHaveLength(1);
				expect(env.fake.requestsTo(endpoint)).toHaveLength(1);
			}
		},
	);

	test.each(calls)(
		'%s: 402 subscription_required is not a credits refusal (no balance read)',
		async (_name, endpoint, parameters) => {
			env.fake.inject(endpoint, {
				kind: 'error',
				status: 402,
				error_code: 'subscription_required',
				message: 'No active plan',
			});
			const { error } = await runGenviral(env.fake, parameters());
			expect(error?.context.errorCode).toBe('subscription_required');
			expect(env.fake.requestsTo('GET /subscription')).toHaveLength(0);
		},
	);
});
