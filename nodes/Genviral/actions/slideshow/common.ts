import type { INodeProperties } from 'n8n-workflow';

import { uuidLocator } from '../../descriptions/locator';

/** The slideshow picker: From List (searchable, paged) or By ID (a UUID). */
export const slideshowLocator: INodeProperties = uuidLocator({
	noun: 'slideshow',
	displayName: 'Slideshow',
	name: 'slideshowId',
	searchListMethod: 'searchSlideshows',
	description: 'The slideshow: pick it from the list, or give its ID (a UUID from Slideshow → Generate, Get Many or Duplicate)',
	returnedBy: 'Generate, Get Many or Duplicate',
	placeholder: '05050505-0000-4000-8000-00000000d001',
});
