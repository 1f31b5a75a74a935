import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { LIST_RULE, readParameters } from '../../helpers/parameters';
import { failValidation, isUuid } from '../../helpers/validation';
import { expectObject, unexpectedShape, waitForStatus } from '../../transport';
import type { ItemWithBinary, OperationRun } from '../node.type';
import {
	MAX_URL_LENGTH,
	downloadProperties,
	modelParametersProperty,
	modelProperty,
	STUDIO_URL_LIST,
	sendGeneration,
	splitModelParameters,
} from './common';
import { INPUT_LABELS, acceptsInput, inputsOf, studioCatalogue } from './models';
import { VIDEO_PENDING, VIDEO_TERMINAL, finishVideo, readVideo } from './video';
import { waitProperties } from '../../descriptions/wait';

/** The speech fields: only models whose catalogue inputs list them take them. */
const SPEECH_FIELDS = ['speech_text', 'voice_id', 'audio_url'];

const referenceImageUrlsOption: INodeProperties = {
	displayName: 'Reference Image URLs',
	name: 'referenceImageUrls',
	type: 'string',
	default: '',
	typeOptions: { rows: 2, ...STUDIO_URL_LIST },
	description: `Reference images (e.g. Seedance 2.0), referred to in the prompt as @Image1, @Image2...: URLs ${LIST_RULE}`,
};

const url = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	typeOptions: { format: 'url', maxLength: MAX_URL_LENGTH },
	placeholder: 'https://example.com/file',
	description,
});

const properties: INodeProperties[] = [
	modelProperty('video'),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		typeOptions: { rows: 4, maxLength: 5000 },
		placeholder: 'A barista smiles and says: "Your latte is ready!"',
		description:
			'What happens in the video. For prompt-driven models (e.g. Sora, Veo), write any spoken lines here: they take no Speech fields. Required by most models (see the model picker).',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Further inputs; the model picker lists which ones each model requires or accepts',
		options: [
			url('Image URL', 'imageUrl', 'Input image for image-to-video and avatar models'),
			{
				displayName: 'Negative Prompt',
				name: 'negativePrompt',
				type: 'string',
				default: '',
				typeOptions: { rows: 2, maxLength: 5000 },
				description: 'What the video should avoid, for models that accept it',
			},
			referenceImageUrlsOption,
			url('Video URL', 'videoUrl', 'Input video for video-to-video and lipsync models'),
		],
	},
	{
		displayName: 'Speech',
		name: 'speech',
		type: 'collection',
		placeholder: 'Add Speech Field',
		default: {},
		description:
			'Narration for speech and lipsync models only (e.g. veed/fabric-1.0, creatify/lipsync: their picker entry lists Speech Text, Voice ID, Audio URL). The node checks the chosen model in the catalogue and refuses other models before anything is generated.',
		options: [
			url(
				'Audio URL',
				'audioUrl',
				'An audio file the avatar speaks (lipsync), or reference audio for models that list Audio URL',
			),
			{
				displayName: 'Speech Text',
				name: 'speechText',
				type: 'string',
				default: '',
				typeOptions: { rows: 4, maxLength: 5000 },
				description: 'The words the avatar speaks, voiced by Genviral',
			},
			{
				displayName: 'Voice ID',
				name: 'voiceId',
				type: 'string',
				default: '',
				placeholder: 'sarah',
				description:
					'A Genviral voice for Speech Text, e.g. george, sarah or aria. An unknown or empty voice falls back to the default voice.',
			},
		],
	},
	modelParametersProperty('video'),
	...waitProperties({
		toggle: 'waitForCompletion',
		toggleDisplayName: 'Wait for Completion',
		toggleDescription:
			'Whether to check the video until it has succeeded or failed, and return its final state with the output URL. Off: return at once with the started job (status processing); look it up later with Studio → Get Video.',
		checks: 'the video',
		pollIntervalDefault: 10,
		maxWaitDefault: 600,
		maxWaitMax: 7200,
		maxWaitDescription:
			'Give up with an error after this long (default 10 minutes). The video goes on in Genviral and its credits are spent: the error gives its ID for Studio → Get Video.',
	}),
	...downloadProperties('Video', { waitForCompletion: [true] }),
];

export const description = properties;

/** The API field of each input read from the node's parameters. */
function inputsFrom(values: IDataObject, referenceImageUrls: string[] | undefined): IDataObject {
	const extra = (values.additionalFields ?? {}) as IDataObject;
	const speech = (values.speech ?? {}) as IDataObject;
	const inputs: IDataObject = {
		prompt: values.prompt,
		image_url: extra.imageUrl,
		video_url: extra.videoUrl,
		negative_prompt: extra.negativePrompt,
		reference_image_urls: referenceImageUrls,
		speech_text: speech.speechText,
		voice_id: speech.voiceId,
		audio_url: speech.audioUrl,
	};
	for (const [name, value] of Object.entries(inputs)) if (value === undefined) delete inputs[name];
	return inputs;
}

/**
 * Speech fields are refused before anything is generated when the chosen model does not take
 * them: the catalogue (one GET /studio/models per run) is the authority, as the reference says.
 * Without speech fields nothing is read: Genviral checks the other inputs itself, for free.
 */
async function checkSpeechAgainstModel(
	ctx: IExecuteFunctions,
	model: string,
	inputs: IDataObject,
	itemIndex: number,
): Promise<void> {
	const speech = SPEECH_FIELDS.filter((field) => inputs[field] !== undefined);
	if (speech.length === 0) return;
	const catalogue = await studioCatalogue(ctx, 'video', itemIndex);
	const chosen = catalogue.find((entry) => entry.id === model);
	if (chosen === undefined) {
		failValidation(
			ctx,
			itemIndex,
			`Model "${model.slice(0, 80)}" is not in the Studio video catalogue`,
			'Choose a model from the list (Studio → Get Models with Mode: Video lists them).',
		);
	}
	const refused = Object.keys(inputs).filter((field) => !acceptsInput(chosen, field));
	if (refused.length === 0) return;
	const { required, optional } = inputsOf(chosen);
	const accepted = [...required, ...optional].map((field) => INPUT_LABELS[field] ?? field);
	const speechRefused = refused.some((field) => SPEECH_FIELDS.includes(field));
	failValidation(
		ctx,
		itemIndex,
		`Model ${model} does not take ${refused.map((field) => INPUT_LABELS[field] ?? field).join(', ')}`,
		`${model} accepts: ${accepted.join(', ') || 'no inputs'}.${speechRefused ? ' For prompt-driven models, write spoken lines into the Prompt; for narration, choose a speech or lipsync model (its picker entry lists Speech Text).' : ''} Nothing was sent and no credits were spent.`,
	);
}

/**
 * POST /studio/videos/generate (202: a job), then optionally GET /studio/videos/{id} until it
 * has succeeded or failed. The generation spends credits: it is sent once and never retried;
 * waiting only re-reads the job.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: OperationRun,
): Promise<IDataObject | ItemWithBinary> {
	const values = readParameters(this, properties, itemIndex);
	const referenceImageUrls = ((values.additionalFields ?? {}) as IDataObject).referenceImageUrls as
		| string[]
		| undefined;
	const model = String(values.model);
	const inputs = inputsFrom(values, referenceImageUrls);
	const { params, rawParams } = splitModelParameters(
		values.modelParameters as IDataObject | undefined,
	);
	await checkSpeechAgainstModel(this, model, inputs, itemIndex);

	const body: IDataObject = { model_id: model, ...inputs };
	if (params) body.params = params;
	if (rawParams && Object.keys(rawParams).length > 0) body.raw_params = rawParams;

	const endpoint = 'POST /studio/videos/generate';
	const data = await sendGeneration(this, {
		path: '/studio/videos/generate',
		body,
		mode: 'video',
		model,
		itemIndex,
	});
	const started = expectObject(this, data, endpoint, itemIndex);
	if (values.waitForCompletion !== true) return started;

	// The ID goes into a path: an answer without a proper one must not poll ".../undefined".
	const videoId = String(started.video_id ?? '');
	if (!isUuid(videoId))
		throw unexpectedShape(this, started, endpoint, itemIndex, '"video_id" (a UUID)');
	const credits =
		typeof started.credits_used === 'number' ? `${started.credits_used} credits` : 'its credits';
	const state = VIDEO_TERMINAL.includes(String(started.status))
		? started
		: await waitForStatus(this, {
				itemIndex,
				what: 'Video',
				id: videoId,
				read: async (deadline) => await readVideo(this, videoId, itemIndex, deadline),
				statusOf: (video) => video.status,
				terminal: VIDEO_TERMINAL,
				pending: VIDEO_PENDING,
				intervalMs: (values.pollInterval as number) * 1000,
				maxWaitMs: (values.maxWait as number) * 1000,
				lookUp: 'Studio → Get Video',
				timeoutNote: `The generation was started and ${credits} were spent; do not generate it again.`,
			});
	// The status read may leave out what only the start told (prediction_id, credits_used).
	const video = { ...started, ...state };
	if (video.status === 'failed') {
		const reason =
			typeof video.error === 'string' && video.error !== '' ? video.error : 'no reason given';
		throw new NodeOperationError(
			this.getNode(),
			`Video ${videoId} failed: ${reason.slice(0, 300)} [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Genviral reported the generation as failed (credits used: ${String(video.credits_used ?? 'unknown')}). Check the inputs against the model (Studio → Get Models), then generate again.`,
			},
		);
	}
	return await finishVideo(this, video, itemIndex, values, run);
}
