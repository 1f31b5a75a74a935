/**
 * Issue 15.7: a storage failure keeps its own message. n8n's NodeApiError swaps a message that
 * mentions a system code (ECONNRESET, ...) for a generic sentence; the storage step's error
 * names the file, the failure and the attempts, and must reach the user as written.
 */
import { setBinaryDataMode, storeBinary } from '../harness/binary';
import { useFakeGenviral } from '../harness/fixtures';
import { runGenviral } from '../harness/genviral';

describe('File → Upload: a storage connection reset keeps its message', () => {
	const env = useFakeGenviral();
	beforeAll(async () => {
		await setBinaryDataMode('memory');
	});

	const uploadItem = async () => ({
		json: {},
		binary: {
			data: await storeBinary(Buffer.from('png bytes'), {
				mimeType: 'image/png',
				fileName: 'cover.png',
			}),
		},
	});

	test('every PUT reset: the message names the file, ECONNRESET and the attempts; one POST /files', async () => {
		env.fake.storage.faults.put.push({ kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' });
		const { error } = await runGenviral(
			env.fake,
			{
				resource: 'file',
				operation: 'upload',
				binaryPropertyName: 'data',
				options: { retryDelay: 1, maxRetries: 2 },
			},
			{ items: [await uploadItem()] },
		);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(
			/^Genviral's storage did not accept the upload of "cover\.png" after 3 attempts \(ECONNRESET: .+\) \[item 0\]$/,
		);
		expect(error?.context).toMatchObject({ step: 'storage', fileName: 'cover.png' });
		expect(error?.description).toContain('Storage step: PUT http://127.0.0.2:');
		expect(env.fake.storage.requests).toHaveLength(3);
		expect(env.fake.requestsTo('POST /files')).toHaveLength(1);
	});

	test('with Retry on Transient Errors off: one PUT, and the message still says what failed', async () => {
		env.fake.storage.faults.put.push({ kind: 'reset' });
		const { error } = await runGenviral(
			env.fake,
			{
				resource: 'file',
				operation: 'upload',
				binaryPropertyName: 'data',
				options: { retryOnTransientErrors: false },
			},
			{ items: [await uploadItem()] },
		);
		expect(error?.message).toMatch(
			/^Genviral's storage did not accept the upload of "cover\.png" \(ECONNRESET: .+\) \[item 0\]$/,
		);
		expect(env.fake.storage.requests).toHaveLength(1);
	});
});
