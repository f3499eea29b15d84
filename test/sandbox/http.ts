/**
 * HTTP plumbing of the sandbox: body reading, JSON parsing, answers and the timers that must die with the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type Parsed = { ok: true; value: unknown } | { ok: false };

export function readBody(req: IncomingMessage): Promise<{ raw: string; tooLarge: boolean }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve({ raw: Buffer.concat(chunks).toString('utf8'), tooLarge }));
		req.on('error', reject);
	});
}

/** An empty body parses as `undefined`. */
export function parseJson(raw: string): Parsed {
	if (raw.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(raw) as unknown };
	} catch {
		return { ok: false };
	}
}

/** Writes a JSON answer unless the response is already over. Returns false when nothing could be written. */
export function writeJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
	contentType = 'application/json; charset=utf-8',
): boolean {
	if (res.writableEnded || res.destroyed) return false;
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': contentType,
		'Content-Length': String(Buffer.byteLength(text)),
		...headers,
	});
	res.end(text);
	return true;
}

/** Timers that stop() clears at once (a sleep cut short this way never resolves: the server is gone). */
export class Timers {
	private readonly pending = new Set<NodeJS.Timeout>();

	sleep(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			this.schedule(ms, resolve);
		});
	}

	/** Runs fn after ms; returns a handle for cancel(). */
	schedule(ms: number, fn: () => void): NodeJS.Timeout {
		const t = setTimeout(() => {
			this.pending.delete(t);
			fn();
		}, Math.max(0, ms));
		this.pending.add(t);
		return t;
	}

	cancel(t: NodeJS.Timeout): void {
		clearTimeout(t);
		this.pending.delete(t);
	}

	clear(): void {
		for (const t of this.pending) clearTimeout(t);
		this.pending.clear();
	}

	get size(): number {
		return this.pending.size;
	}
}
