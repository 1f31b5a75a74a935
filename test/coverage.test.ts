/**
 * Which endpoints of ../shared/genviral-api/endpoints.json no operation reaches. Each operation
 * names its endpoint(s) in its `defineResource` entry (`reference`); COVERED (test/harness/
 * coverage.ts) reads the endpoint of each call from there, and the documented-errors suite runs
 * every call against the fake, asserting it really sends one request to that endpoint. This
 * suite checks the declarations and the calls are whole.
 */
import { RESOURCES } from '../nodes/Genviral/actions/resources';
import { COVERED, NOT_IN_REFERENCE } from './harness/coverage';
import { endpoints } from './harness/reference';

const referenceNames = () => endpoints().map((e) => `${e.method} ${e.path}`);
const declared = RESOURCES.flatMap((resource) =>
	Object.entries(resource.operationRecords).flatMap(([operation, { reference }]) =>
		reference.map((name) => ({ operation: `${resource.value}.${operation}`, name })),
	),
);

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
		expect(
			COVERED.filter(([resource]) => resource === NOT_IN_REFERENCE).map(([, name]) => name),
		).toEqual([]);
		expect(names.filter((name) => !known.has(name))).toEqual([]);
		expect(new Set(names).size).toBe(names.length);
	});

	test("each operation's declared reference names exist in the reference, and together name every endpoint once", () => {
		const known = new Set(referenceNames());
		expect(declared.filter(({ name }) => !known.has(name))).toEqual([]);
		expect(declared.map(({ name }) => name).sort()).toEqual(referenceNames().sort());
	});

	test('every operation declares at least one endpoint', () => {
		const withNone = RESOURCES.flatMap((resource) =>
			Object.entries(resource.operationRecords)
				.filter(([, { reference }]) => reference.length === 0)
				.map(([operation]) => `${resource.value}.${operation}`),
		);
		expect(withNone).toEqual([]);
		expect(declared.length).toBeGreaterThanOrEqual(
			RESOURCES.reduce((n, r) => n + Object.keys(r.operations).length, 0),
		);
	});
});
