import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import type { ItemWithBinary, OperationRun } from '../node.type';
import { downloadProperties } from './common';
import { finishVideo, readVideo } from './video';

const properties: INodeProperties[] = [
	{
		displayName: 'Video ID',
		name: 'videoId',
		type: 'string',
		typeOptions: { format: 'uuid' },
		required: true,
		default: '',
		placeholder: '06060606-0000-4000-8000-000000008001',
		description: 'The video_id returned by Studio → Generate Video (not the prediction_id)',
	},
	...downloadProperties('Video'),
];

export const description = properties;

/**
 * GET /studio/videos/{videoId}: status processing | succeeded | failed, output_url once
 * succeeded, error once failed. A read: it spends nothing and is retried when safe.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: OperationRun,
): Promise<IDataObject | ItemWithBinary> {
	const values = readParameters(this, properties, itemIndex);
	const video = await readVideo(this, String(values.videoId), itemIndex);
	return await finishVideo(this, video, itemIndex, values, run);
}
