/** The fake's templates routes (../shared/genviral-api/endpoints.json, resource of the same name). */
import type { FakeModule } from '../module';
import type { FakeGenviral } from '../server';

export class TemplatesFake implements FakeModule {
	constructor(readonly fake: FakeGenviral) {}

	routes: FakeModule['routes'] = {};

	reset(): void {}
}
