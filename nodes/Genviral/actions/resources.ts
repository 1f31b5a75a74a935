import { resource as account } from './account';
import { resource as analytics } from './analytics';
import { resource as analyticsRefresh } from './analyticsRefresh';
import { resource as analyticsTarget } from './analyticsTarget';
import { resource as file } from './file';
import { resource as folder } from './folder';
import { resource as imagePack } from './imagePack';
import { resource as post } from './post';
import { resource as slideshow } from './slideshow';
import { resource as studio } from './studio';
import { resource as subscription } from './subscription';
import { resource as template } from './template';
import { resource as trend } from './trend';
import type { GenviralResource } from './node.type';

/**
 * Every resource of the node, in the order of the Resource list (alphabetical, as n8n lists
 * them). A resource without operations yet is left out of the node.
 */
export const RESOURCES: GenviralResource[] = [
	account,
	analytics,
	analyticsRefresh,
	analyticsTarget,
	file,
	folder,
	imagePack,
	post,
	slideshow,
	studio,
	subscription,
	template,
	trend,
].filter((resource) => Object.keys(resource.operations).length > 0);

export const RESOURCE_BY_VALUE: Record<string, GenviralResource> = Object.fromEntries(
	RESOURCES.map((resource) => [resource.value, resource]),
);
