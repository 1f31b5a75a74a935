/**
 * Which endpoints of ../shared/genviral-api/endpoints.json no operation reaches. Each entry of
 * COVERED is run against the fake in the documented-errors suite, which asserts that the
 * parameters really send one request to that endpoint; this suite checks the list is whole.
 */
import { COVERED } from './harness/coverage';
import { endpoints } from './harness/reference';

describe('reference coverage', () => {
	test('every endpoint of the reference is reached by an operation (missing: none)', () => {
		const covered = new Set(COVERED.map(([resource, operation]) => `${resource}.${operation}`));
		const missing = endpoints()
			.filter((e) => !covered.has(`${e.resource}.${e.operation}`))
			.map((e) => `${e.method} ${e.path}`);
		expect(missing).toEqual([]);
		expect(endpoints()).toHaveLength(57);
	});

	test('no entry names an endpoint the reference does not have, and none twice', () => {
		const known = new Set(endpoints().map((e) => `${e.resource}.${e.operation}`));
		const names = COVERED.map(([resource, operation]) => `${resource}.${operation}`);
		expect(names.filter((name) => !known.has(name))).toEqual([]);
		expect(new Set(names).size).toBe(names.length);
	});
});
