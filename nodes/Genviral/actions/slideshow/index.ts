import type { IDataObject } from 'n8n-workflow';

import { deletedOutput, endpoint } from '../endpoint';
import { defineResource } from '../node.type';
import { slideshowLocator } from '../../descriptions/locators';
import { slideshowStatusOptions } from '../../descriptions/statuses';
import * as generate from './generate.operation';
import * as importFromTiktok from './importFromTiktok.operation';
import * as regenerateSlide from './regenerateSlide.operation';
import * as render from './render.operation';
import * as update from './update.operation';
import { filtersCollection, searchFilter } from '../../descriptions/filters';

/** GET /slideshows/{slideshowId}: settings and every slide with its text elements. */
const get = endpoint({
	method: 'GET',
	path: '/slideshows/{slideshowId}',
	properties: [slideshowLocator],
	output: { kind: 'object' },
	simplify: simplifySlideshow,
});

/** The slideshow without its slides' layouts: what it is, its state, and its images in slide order. */
function simplifySlideshow(slideshow: IDataObject): IDataObject {
	const slides = Array.isArray(slideshow.slides) ? (slideshow.slides as IDataObject[]) : [];
	return {
		id: slideshow.id ?? null,
		title: slideshow.title ?? null,
		status: slideshow.status ?? null,
		slideshow_type: slideshow.slideshow_type ?? null,
		slide_count: slideshow.slide_count ?? slides.length,
		preview_image_url: slideshow.preview_image_url ?? null,
		image_urls: slides.map((slide) => slide.rendered_image_url ?? slide.image_url ?? null),
		last_rendered_at: slideshow.last_rendered_at ?? null,
		updated_at: slideshow.updated_at ?? null,
	};
}

/** GET /slideshows: summary rows (no slides), newest first, filtered by status or title. */
const getMany = endpoint({
	method: 'GET',
	path: '/slideshows',
	properties: [
		filtersCollection([
			searchFilter('slideshows', 'title'),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: slideshowStatusOptions,
				default: 'draft',
				description: 'Only slideshows with this status',
			},
		]),
	],
	query: ['filters.*'],
	output: { kind: 'paged', style: 'offsetTotal', key: 'slideshows', pageSize: 100 },
});

/** DELETE /slideshows/{slideshowId}. A second DELETE after a lost answer would report 404 for a deletion that worked. */
const deleteSlideshow = endpoint({
	method: 'DELETE',
	path: '/slideshows/{slideshowId}',
	properties: [slideshowLocator],
	retry: 'rateLimitOnly',
	output: { kind: 'object' },
	transform: deletedOutput('slideshowId'),
});

/** POST /slideshows/{slideshowId}/duplicate. Each call makes another copy: only a 429 (refused before any work) is retried. */
const duplicate = endpoint({
	method: 'POST',
	path: '/slideshows/{slideshowId}/duplicate',
	properties: [slideshowLocator],
	retry: 'rateLimitOnly',
	output: { kind: 'object' },
});

export const resource = defineResource(
	{
		value: 'slideshow',
		name: 'Slideshow',
		description:
			'An AI-generated or hand-made image slideshow, rendered to images for a carousel post',
	},
	'generate',
	{
		delete: {
			name: 'Delete',
			description: 'Delete a slideshow for good; returns its ID with deleted: true',
			action: 'Delete a slideshow',
			reference: 'DELETE /slideshows/{slideshowId}',
			operation: deleteSlideshow,
		},
		duplicate: {
			name: 'Duplicate',
			description: 'Copy a slideshow into a new draft titled "Copy of ..."',
			action: 'Duplicate a slideshow',
			reference: 'POST /slideshows/{slideshowId}/duplicate',
			operation: duplicate,
		},
		generate: {
			name: 'Generate',
			description:
				'Create a slideshow: AI writes the slides from a prompt or product (spends credits), or Skip AI builds them from a slide configuration',
			action: 'Generate a slideshow',
			reference: 'POST /slideshows/generate',
			operation: generate,
		},
		get: {
			name: 'Get',
			description:
				'Get a slideshow with its settings and every slide (background, text elements, rendered image)',
			action: 'Get a slideshow',
			reference: 'GET /slideshows/{slideshowId}',
			operation: get,
		},
		getMany: {
			name: 'Get Many',
			description: 'List slideshows, newest first, one item per slideshow (summary without slides)',
			action: 'Get many slideshows',
			reference: 'GET /slideshows',
			operation: getMany,
		},
		importFromTiktok: {
			name: 'Import From TikTok',
			description:
				'Copy a TikTok photo slideshow into a new draft with your own backgrounds (spends copy credits), or only preview it',
			action: 'Import a slideshow from TikTok',
			reference: ['POST /slideshows/copy-tiktok/preview', 'POST /slideshows/copy-tiktok/import'],
			operation: importFromTiktok,
		},
		regenerateSlide: {
			name: 'Regenerate Slide',
			description:
				"Let AI rewrite one slide's text, keeping its layout (spends credits; draft slideshows only)",
			action: 'Regenerate a slide of a slideshow',
			reference: 'POST /slideshows/{slideshowId}/slides/{slideIndex}/regenerate',
			operation: regenerateSlide,
		},
		render: {
			name: 'Render',
			description:
				'Draw every slide to its final image and return the image URLs in order, ready for Post → Create; optionally download them',
			action: 'Render a slideshow',
			reference: 'POST /slideshows/{slideshowId}/render',
			operation: render,
		},
		update: {
			name: 'Update',
			description: 'Change the title, status, type, product, settings or slides of a slideshow',
			action: 'Update a slideshow',
			reference: 'PATCH /slideshows/{slideshowId}',
			operation: update,
		},
	},
);
