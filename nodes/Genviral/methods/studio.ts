import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fetchStudioModels, modelOption } from '../actions/studio/models';

/** The model pickers of Studio → Generate Image / Generate Video, from GET /studio/models. */
export const studioLoadOptions = {
	async getStudioImageModels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await fetchStudioModels(this, 'image'))
			.map(modelOption)
			.sort((a, b) => a.name.localeCompare(b.name));
	},
	async getStudioVideoModels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await fetchStudioModels(this, 'video'))
			.map(modelOption)
			.sort((a, b) => a.name.localeCompare(b.name));
	},
};
