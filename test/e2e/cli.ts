/**
 * Small helpers for driving the real n8n CLI, shared by the end-to-end tests and `npm run demo -- --n8n`.
 */
import net from 'node:net';

/** A free TCP port on the loopback interface (for n8n's port and its task broker's). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * The run JSON `n8n execute --rawOutput` prints (`JSON.stringify(data, null, 2)`) between log lines: from the first
 * line starting with `{` to the first line that is exactly `}` and closes valid JSON.
 */
export function extractRunJson<T = unknown>(stdout: string): T | undefined {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	if (start < 0) return undefined;
	for (let end = start; end < lines.length; end++) {
		if (lines[end].replace(/\r$/, '') !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n')) as T;
		} catch {
			/* keep looking */
		}
	}
	try {
		return JSON.parse(lines.slice(start).join('\n')) as T;
	} catch {
		return undefined;
	}
}
