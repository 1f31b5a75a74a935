/** The fake's files routes (../shared/genviral-api/endpoints.json, resource of the same name). */
import type { FakeModule } from '../module';
import type { FakeGenviral } from '../server';

export class FilesFake implements FakeModule {
	constructor(readonly fake: FakeGenviral) {}

	routes: FakeModule['routes'] = {};

	reset(): void {}
}
