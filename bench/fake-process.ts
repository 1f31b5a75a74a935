/**
 * The fake Genviral API in a process of its own, for benchmarks that measure the n8n process
 * alone: seeds a target with N analytics posts, prints `{"baseUrl": ...}` on one line, and
 * stops when its standard input closes (the parent exits or ends it).
 */
import { DEFAULT_TOKEN, FakeGenviral } from '../test/fake-genviral/server';

async function main(): Promise<void> {
	const postCount = Number(process.argv[2] ?? '10000');
	const fake = new FakeGenviral();
	await fake.start();
	fake.seedTarget(DEFAULT_TOKEN, { platform: 'tiktok', identifier: '@big', postCount });
	process.stdout.write(`${JSON.stringify({ baseUrl: fake.baseUrl })}\n`);
	process.stdin.resume();
	process.stdin.on('end', () => {
		void fake.stop().then(() => process.exit(0));
	});
}

void main();
