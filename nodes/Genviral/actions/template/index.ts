import type { IDataObject } from 'n8n-workflow';

import { slideshowLocator, templateLocator } from '../../descriptions/locators';
import { deletedOutput, endpoint } from '../endpoint';
import { defineResource } from '../node.type';
import * as create from './create.operation';
import { descriptionProperty, nameProperty, visibilityProperty } from './descriptions';
import * as update from './update.operation';
import { filtersCollection, searchFilter } from '../../descriptions/filters';

/** A template without its config (the slides' layout): what it is, who may use it, how used it is. */
function simplifyTemplate(template: IDataObject): IDataObject {
	return {
		id: template.id ?? null,
		name: template.name ?? null,
		description: template.description ?? null,
		visibility: template.visibility ?? null,
		is_owner: template.is_owner ?? null,
		preview_url: template.preview_url ?? null,
		use_count: template.use_count ?? null,
		updated_at: template.updated_at ?? null,
	};
}

/** GET /templates/{templateId}: the template with its config. */
const get = endpoint({
	method: 'GET',
	path: '/templates/{templateId}',
	properties: [templateLocator],
	output: { kind: 'object' },
	simplify: simplifyTemplate,
});

/** GET /templates: own, workspace and public templates, newest first, 100 per page. */
const getMany = endpoint({
	method: 'GET',
	path: '/templates',
	properties: [filtersCollection([searchFilter('templates', 'name', 'listicle')])],
	query: ['filters.*'],
	output: { kind: 'paged', style: 'offsetTotal', key: 'templates', pageSize: 100 },
	simplify: simplifyTemplate,
});

/** DELETE /templates/{templateId}: answers { id, deleted }. */
const deleteTemplate = endpoint({
	method: 'DELETE',
	path: '/templates/{templateId}',
	properties: [{ ...templateLocator, description: 'The template to delete; it must be yours' }],
	// A second DELETE after a lost answer would report 404 for a deletion that worked.
	retry: 'rateLimitOnly',
	output: { kind: 'object' },
	transform: deletedOutput('templateId'),
});

/** POST /templates/from-slideshow/{slideshowId}: Genviral converts the slideshow; an empty body is valid. */
const createFromSlideshow = endpoint({
	method: 'POST',
	path: '/templates/from-slideshow/{slideshowId}',
	properties: [
		{ ...slideshowLocator, description: 'The slideshow to turn into a template (one of yours)' },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				descriptionProperty,
				nameProperty(false),
				{
					displayName: 'Preserve Text',
					name: 'preserveText',
					type: 'boolean',
					default: true,
					description:
						"Whether to keep the slides' text in the template; off leaves empty text boxes to fill later",
				},
				visibilityProperty,
			],
		},
	],
	body: ['additionalFields.*'],
	// Not repeatable (a second create clashes on the name or makes a twin); a 429 comes before Genviral acts.
	retry: 'rateLimitOnly',
	output: { kind: 'object' },
});

export const resource = defineResource(
	{
		value: 'template',
		name: 'Template',
		description: 'A reusable slideshow layout (slides, text styles) to generate slideshows from',
	},
	'getMany',
	{
		create: {
			name: 'Create',
			description: 'Create a template from a config (version 1, 1-10 slides)',
			action: 'Create a template',
			reference: 'POST /templates',
			operation: create,
		},
		createFromSlideshow: {
			name: 'Create From Slideshow',
			description: 'Turn one of your slideshows into a reusable template',
			action: 'Create a template from a slideshow',
			reference: 'POST /templates/from-slideshow/{slideshowId}',
			operation: createFromSlideshow,
		},
		delete: {
			name: 'Delete',
			description: 'Delete a template you own',
			action: 'Delete a template',
			reference: 'DELETE /templates/{templateId}',
			operation: deleteTemplate,
		},
		get: {
			name: 'Get',
			description: 'Get a template with its config',
			action: 'Get a template',
			reference: 'GET /templates/{templateId}',
			operation: get,
		},
		getMany: {
			name: 'Get Many',
			description:
				"List the templates this key can read (yours, your workspace's and public ones), one item per template",
			action: 'Get many templates',
			reference: 'GET /templates',
			operation: getMany,
		},
		update: {
			name: 'Update',
			description: 'Change the name, description, visibility or config of a template you own',
			action: 'Update a template',
			reference: 'PATCH /templates/{templateId}',
			operation: update,
		},
	},
);
