/** The fake's accounts routes (../shared/genviral-api/endpoints.json, resource of the same name). */
import type { FakeModule } from '../module';
import type { FakeGenviral } from '../server';

export class AccountsFake implements FakeModule {
	constructor(readonly fake: FakeGenviral) {}

	routes: FakeModule['routes'] = {};

	reset(): void {}
}
