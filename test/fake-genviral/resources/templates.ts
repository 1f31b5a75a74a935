/** The fake's templates routes (../shared/genviral-api/endpoints.json, resource of the same name). */
import type { FakeModule } from '../module';
import type { FakeGenviral } from '../server';

export class TemplatesFake implements FakeModule {
	constructor(readonly fake: FakeGenviral) {}

	routes: FakeModule['routes'] = {};

	reset(): void {}

	/** The item of this resource with this id in this scope (other modules look items up here). */
	find(_scope: string, _id: string): Record<string, unknown> | undefined {
		return undefined;
	}
}
