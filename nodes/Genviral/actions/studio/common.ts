import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MAX_URL_LENGTH } from '../../helpers/parameters';
import { downloadToBinary, fileNameFor, fileReference, genviralApiRequest } from '../../transport';
import type { MediaKind } from '../../transport';
import type { OperationRun } from '../node.type';
import { ItemWithBinary } from '../node.type';
import { cachedCatalogue, costOf } from './models';
import type { StudioMode } from './models';

export { MAX_URL_LENGTH };

/** The model picker of a mode, loaded from GET /studio/models. */
export function modelProperty(mode: StudioMode): INodeProperties {
	const example = mode === 'image' ? 'google/nano-banana-2' : 'openai/sora-2';
	return {
		displayName: 'Model Name or ID',
		name: 'model',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: mode === 'image' ? 'getStudioImageModels' : 'getStudioVideoModels',
			maxLength: 200,
		},
		required: true,
		default: '',
		description: `The ${mode} model. Each option shows its credit cost, the inputs it requires and the ones it also accepts. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a> (e.g. ${example}; Studio → Get Models lists them).`,
	};
}

/** The Model Parameters options only one mode has; the ones both modes share are declared below. */
const MODE_PARAMETERS: Record<StudioMode, INodeProperties[]> = {
	image: [
		{
			displayName: 'Max Images',
			name: 'maxImages',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 15 },
			default: 1,
			description: 'Max number of images for models that make several in one go',
		},
		{
			displayName: 'Output Format',
			name: 'outputFormat',
			type: 'string',
			default: '',
			placeholder: 'png',
			description: 'File format of the result, e.g. png, jpeg or webp',
		},
		{
			displayName: 'Scale Factor',
			name: 'scaleFactor',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 8, numberPrecision: 2 },
			default: 2,
			description: 'How many times larger the output is, e.g. 2 or 4, for upscaling models',
		},
		{
			displayName: 'Sequential Image Generation',
			name: 'sequentialImageGeneration',
			type: 'string',
			default: '',
			placeholder: 'auto',
			description: 'For models that can make a related series of images (e.g. auto or disabled)',
		},
		{
			displayName: 'Size',
			name: 'size',
			type: 'string',
			default: '',
			placeholder: '2K',
			description: 'Output size as the model names it (e.g. 1K, 2K, 4K or 1024x1024)',
		},
	],
	video: [
		{
			displayName: 'Duration (Seconds)',
			name: 'durationSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 120 },
			default: 8,
			description:
				'Length of the video; models accept only some durations (and longer ones may cost more)',
		},
		{
			displayName: 'FPS',
			name: 'fps',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 120 },
			default: 24,
			description: 'Frames per second of the video, e.g. 24 or 30, for models that take it',
		},
		{
			displayName: 'Generate Audio',
			name: 'generateAudio',
			type: 'boolean',
			default: true,
			description: 'Whether the model adds generated sound, for models that can',
		},
	],
};

/**
 * The Model Parameters collection of Generate Image and Generate Video, declared once: the
 * options both modes take, and the ones of the mode (in n8n's alphabetical order).
 */
export function modelParametersProperty(mode: StudioMode): INodeProperties {
	const shared: INodeProperties[] = [
		{
			displayName: 'Aspect Ratio',
			name: 'aspectRatio',
			type: 'string',
			default: '',
			placeholder: '9:16',
			description:
				mode === 'image'
					? 'Width:height, e.g. 1:1, 4:5, 9:16, 16:9 (which ones depends on the model)'
					: 'Width:height, e.g. 9:16 for TikTok or 16:9 (which ones depends on the model)',
		},
		{
			displayName: 'Raw Parameters (JSON)',
			name: 'rawParams',
			type: 'json',
			default: '{}',
			typeOptions: { jsonObject: true, jsonExample: '{"seed": 42}' },
			description:
				'Model-specific settings passed to the model untouched, e.g. {"seed": 42}. Sent as raw_params; the model\'s own names apply.',
		},
		{
			displayName: 'Resolution',
			name: 'resolution',
			type: 'string',
			default: '',
			placeholder: mode === 'image' ? '2K' : '720p',
			description:
				mode === 'image'
					? 'Output resolution as the model names it, e.g. 1K or 2K'
					: 'Output resolution as the model names it, e.g. 480p, 720p or 1080p',
		},
	];
	return {
		displayName: 'Model Parameters',
		name: 'modelParameters',
		type: 'collection',
		placeholder: 'Add Parameter',
		default: {},
		description:
			'Settings sent as params (normalized keys). Each model honours only the ones its picker entry lists as Parameters; the others are ignored by Genviral.',
		options: [...shared, ...MODE_PARAMETERS[mode]].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** "Download …" and "Put Output File in Field", as n8n's nodes that produce files name them. */
export function downloadProperties(
	what: 'Image' | 'Video',
	show: IDataObject = {},
): INodeProperties[] {
	const displayOptions =
		Object.keys(show).length > 0 ? { show: show as Record<string, boolean[]> } : undefined;
	return [
		{
			displayName: `Download ${what}`,
			name: 'download',
			type: 'boolean',
			default: false,
			...(displayOptions ? { displayOptions } : {}),
			description: `Whether to download the generated ${what.toLowerCase()} into a binary field of the output item, for nodes that take files (upload, email, storage). The output URL is returned either way. As an AI Agent tool nothing is downloaded: the item gets \`file\` (URL, file name, type) instead.`,
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { ...(show as Record<string, boolean[]>), download: [true] } },
			hint: 'The name of the output binary field to put the file in',
			description: 'The binary field of the output item that receives the file',
		},
	];
}

/**
 * How a Studio field of image URLs is declared: up to 20 http(s) URLs by the reader's one list
 * rule, repeats dropped (the reader reads it as a `urlList`).
 */
export const STUDIO_URL_LIST = {
	format: 'urlList',
	maxItems: 20,
	unique: true,
	itemNoun: 'URLs',
	maxLength: 100_000,
} as const;

/** The `params` object from the Model Parameters collection (option names in snake_case); raw params apart. */
export function splitModelParameters(collection: IDataObject | undefined): {
	params?: IDataObject;
	rawParams?: IDataObject;
} {
	const { rawParams, ...normalized } = collection ?? {};
	const params: IDataObject = {};
	for (const [name, value] of Object.entries(normalized)) {
		if (value !== undefined) params[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
	}
	return {
		params: Object.keys(params).length > 0 ? params : undefined,
		rawParams: rawParams === undefined ? undefined : (rawParams as IDataObject),
	};
}

/**
 * A generation call (POST, spends credits), declared as such to the transport: sent once per
 * item of a run, never re-sent blindly; a credits refusal gains the model's cost (from the
 * catalogue) and the balance; a lost answer says the work may have run.
 */
export async function sendGeneration(
	ctx: IExecuteFunctions,
	{
		path,
		body,
		mode,
		model,
		itemIndex,
		timeoutMs,
	}: {
		path: string;
		body: IDataObject;
		mode: StudioMode;
		model: string;
		itemIndex: number;
		timeoutMs?: number;
	},
): Promise<unknown> {
	return await genviralApiRequest.call(ctx, {
		method: 'POST',
		path,
		body,
		itemIndex,
		timeoutMs,
		spends: {
			kind: 'credits',
			mayHaveRun:
				mode === 'image'
					? 'the image may have been generated'
					: 'the video generation may have started',
			lookUp: 'the Studio outputs in Genviral (AI Studio, or the files of context ai-studio)',
			cost: async () => {
				const chosen = (await cachedCatalogue(ctx, mode))?.find((entry) => entry.id === model);
				const cost = chosen ? costOf(chosen) : undefined;
				return cost ? `${model} costs ${cost}.` : undefined;
			},
		},
	});
}

/** Errors pass on unchanged: both constructors hand back an error of their own class as it is. */
function rethrow(ctx: IExecuteFunctions, error: unknown): never {
	if (error instanceof NodeApiError)
		throw new NodeApiError(ctx.getNode(), error as unknown as JsonObject);
	throw new NodeOperationError(ctx.getNode(), error as Error);
}

/**
 * The item for a generated file with Download on: its JSON and the file in a binary field. The
 * download goes to the media URL's host without the API token (the lead's download helper). As
 * an AI Agent tool nothing is downloaded: the JSON gets `file` ({ url, fileName, mimeType }).
 */
export async function withDownloadedOutput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	json: IDataObject,
	run: OperationRun,
	{
		url,
		id,
		fallbackExtension,
		field,
		lookUp,
	}: {
		url: string;
		id: string;
		fallbackExtension: string;
		field: string;
		lookUp: { what: MediaKind; how: string };
	},
): Promise<IDataObject | ItemWithBinary> {
	const fileName = fileNameFor(url, id, fallbackExtension);
	if (run.toolMode) return { ...json, file: fileReference(url, fileName) };
	try {
		const binary = await downloadToBinary(ctx, itemIndex, url, {
			kind: lookUp.what,
			source: `Studio ${lookUp.what} ${id}`,
			fileName,
		});
		return new ItemWithBinary(json, { [field]: binary });
	} catch (error) {
		// The generation is done and paid for: the error says where the result is.
		if (error instanceof NodeOperationError) {
			error.description =
				`${error.description ?? ''} The ${lookUp.what} itself was generated (ID ${id}); only the download failed. ${lookUp.how}`.trim();
		}
		rethrow(ctx, error);
	}
}
