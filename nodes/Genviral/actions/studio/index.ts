import { endpoint } from '../endpoint';
import { defineResource } from '../node.type';
import * as generateImage from './generateImage.operation';
import * as generateVideo from './generateVideo.operation';
import * as getVideo from './getVideo.operation';
import { filtersCollection } from '../../descriptions/filters';

/** GET /studio/models: the catalogue in one answer (no pagination), optionally for one mode. */
const getModels = endpoint({
	method: 'GET',
	path: '/studio/models',
	properties: [
		filtersCollection([
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Image', value: 'image', description: 'Image models (Generate Image)' },
					{ name: 'Video', value: 'video', description: 'Video models (Generate Video)' },
				],
				default: 'image',
				description: 'Only the models of this kind. Without it, every model.',
			},
		]),
	],
	query: ['filters.mode'],
	output: { kind: 'list', key: 'models', clientLimit: true },
});

export const resource = defineResource(
	{
		value: 'studio',
		name: 'Studio',
		description: 'Studio AI: generate images and videos with AI models (generation spends credits)',
	},
	'generateImage',
	{
		getModels: {
			name: 'Get Models',
			description:
				'List the Studio AI models: ID, image or video, the inputs each requires or accepts (e.g. speech fields), the parameters it honours and its credit cost',
			action: 'Get Studio models',
			reference: 'GET /studio/models',
			operation: getModels,
		},
		generateImage: {
			name: 'Generate Image',
			description:
				"Generate an AI image from a prompt (and optional input images) and return its URL; spends the model's credits, never retried automatically. Can download the image as a file.",
			action: 'Generate an image',
			reference: 'POST /studio/images/generate',
			operation: generateImage,
		},
		generateVideo: {
			name: 'Generate Video',
			description:
				'Start an AI video from a prompt, image, video or speech (per model) and return its video ID, or wait for the finished video; spends credits, never retried automatically',
			action: 'Generate a video',
			reference: 'POST /studio/videos/generate',
			operation: generateVideo,
		},
		getVideo: {
			name: 'Get Video',
			description:
				'Get a Studio video by ID: status (processing, succeeded, failed), output URL or error. Can download the finished video as a file.',
			action: 'Get a Studio video',
			reference: 'GET /studio/videos/{videoId}',
			operation: getVideo,
		},
	},
);
