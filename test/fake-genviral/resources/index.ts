/** Every resource module of the fake, by name: `fake.modules.posts`, `fake.modules.packs`, ... */
import type { FakeGenviral } from '../server';
import { AccountsFake } from './accounts';
import { FilesFake } from './files';
import { FoldersFake } from './folders';
import { PacksFake } from './packs';
import { PostsFake } from './posts';
import { SlideshowsFake } from './slideshows';
import { StudioFake } from './studio';
import { TemplatesFake } from './templates';

export function createModules(fake: FakeGenviral) {
	return {
		accounts: new AccountsFake(fake),
		files: new FilesFake(fake),
		folders: new FoldersFake(fake),
		packs: new PacksFake(fake),
		posts: new PostsFake(fake),
		slideshows: new SlideshowsFake(fake),
		studio: new StudioFake(fake),
		templates: new TemplatesFake(fake),
	};
}
