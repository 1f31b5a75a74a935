/**
 * Every error documented in ../shared/genviral-api/endpoints.json for the endpoints the node
 * covers, reached through the node: each must surface as a NodeApiError with the API's
 * message, the HTTP status as httpCode, the error_code, and the item index.
 */
import { DEFAULT_TOKEN } from '../fake-genviral/server';
import { COVERED } from '../harness/coverage';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';
import { documentedErrorCases, endpoint } from '../harness/reference';

const cases = COVERED.flatMap(([resource, operation, parameters, items]) => {
	const ref = endpoint(resource, operation);
	return documentedErrorCases(ref).map((c) => ({
		name: `${ref.method} ${ref.path}: HTTP ${c.status} ${c.errorCode ?? '(no error_code)'}`,
		// The fake matches faults by the reference's own template (path IDs that are not UUIDs,
		// like a slide index, have no "{id}" form).
		endpoint: `${ref.method} ${ref.path}`,
		path: ref.path,
		parameters,
		items,
		...c,
	}));
});

describe('documented errors of every covered endpoint', () => {
	const env = useFakeGenviral();

	test('the reference is read and every covered endpoint documents errors', () => {
		expect(COVERED.length).toBeGreaterThanOrEqual(11);
		for (const [resource, operation] of COVERED) {
			expect(documentedErrorCases(endpoint(resource, operation)).length).toBeGreaterThan(0);
		}
		expect(cases.length).toBeGreaterThanOrEqual(40);
	});

	test.each(cases)('$name', async ({ endpoint: target, parameters, items, status, errorCode }) => {
		const message = `Documented failure ${status} ${errorCode ?? ''}`.trim();
		env.fake.inject(target, { kind: 'error', status, error_code: errorCode, message });

		// Mapping only: retries (which would send a transient failure again) have their own suite.
		const { error } = await runGenviral(
			env.fake,
			{ ...parameters, options: { maxRetries: 0 } },
			{ token: DEFAULT_TOKEN, items },
		);

		expect(env.fake.requestsTo(target)).toHaveLength(1);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(message);
		expect((error as unknown as { httpCode: string }).httpCode).toBe(String(status));
		expect(error?.context.errorCode).toBe(errorCode);
		expect(error?.context.itemIndex).toBe(0);
		expect(error?.description).toContain(`HTTP ${status} from ${target.split(' ')[0]} `);
		if (errorCode !== null) expect(error?.description).toContain(`error_code: ${errorCode}`);
	});
});
