import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameters } from '../../helpers/parameters';
import { UPLOAD_CONTENT_TYPES, uploadBinary } from '../../transport/upload';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		typeOptions: { maxLength: 200 },
		hint: 'The name of the input binary field containing the file to be uploaded',
		description:
			'The binary field of the input item that holds the image or video (JPEG, PNG, GIF, WebP, HEIC/HEIF, MP4, MOV, AVI, WebM, M4V)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Content Type',
				name: 'contentType',
				type: 'options',
				options: [...UPLOAD_CONTENT_TYPES].sort().map((type) => ({ name: type, value: type })),
				default: 'video/mp4',
				description:
					"The file's MIME type, instead of the one the binary carries (for binaries marked application/octet-stream without a known extension). The storage URL is signed for this type.",
			},
			{
				displayName: 'Duration (Seconds)',
				name: 'durationSeconds',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 3 },
				default: 0,
				description:
					"A video's length in seconds, stored with the file so a post using its URL can check it (avoids the VIDEO_DURATION_MISSING warning). 0 means unknown: not sent. Ignored for images.",
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'launch-teaser.mp4',
				typeOptions: { maxLength: 255 },
				description: "The file's name in Genviral, instead of the binary's own file name",
			},
		],
	},
];

export const description = properties;

/**
 * POST /files, then PUT the bytes to the signed storage URL (transport/upload.ts). Outputs the
 * file's permanent `url` (for Post → Create media and image packs) with what was sent.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const values = readParameters(this, properties, itemIndex);
	const fields = (values.additionalFields ?? {}) as IDataObject;
	const duration = fields.durationSeconds as number | undefined;
	return await uploadBinary(this, itemIndex, values.binaryPropertyName as string, {
		fileName: fields.fileName as string | undefined,
		contentType: fields.contentType as string | undefined,
		durationSeconds: duration !== undefined && duration > 0 ? duration : undefined,
	});
}
