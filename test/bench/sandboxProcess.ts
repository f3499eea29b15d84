/**
 * Runs the Koywe sandbox in a child process, so that the CPU the benchmark process uses (process.cpuUsage) is the
 * client's only, and talks to it through its control API (/__sandbox/*). Dev tooling: never shipped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { request } from 'undici';

import type { Faults, SandboxStats, StoredDocument } from '../sandbox';

export interface SandboxProcess {
	/** `http://127.0.0.1:PORT/V1` */
	baseUrl: string;
	/** `http://127.0.0.1:PORT` (control API) */
	origin: string;
	pid: number;
	stats(): Promise<SandboxStats>;
	resetStats(): Promise<void>;
	setFaults(faults: Partial<Faults>): Promise<void>;
	documents(): Promise<StoredDocument[]>;
	stop(): Promise<void>;
}

/** The compiled sandbox CLI next to this file (.build/test/sandbox/cli.js). */
const CLI = path.join(__dirname, '..', 'sandbox', 'cli.js');

async function control<T>(origin: string, method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
	// reset: a fresh connection per control call. The benchmark may block the event loop for seconds (CPU timing),
	// long enough for the sandbox to close an idle keep-alive connection under undici's feet.
	const response = await request(`${origin}/__sandbox/${route}`, {
		method,
		reset: true,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.body.text();
	if (response.statusCode !== 200) throw new Error(`sandbox ${method} ${route}: HTTP ${response.statusCode} ${text}`);
	return JSON.parse(text) as T;
}

export function sandboxClient(origin: string, pid = 0, child?: ChildProcess): SandboxProcess {
	return {
		baseUrl: `${origin}/V1`,
		origin,
		pid,
		stats: () => control<SandboxStats>(origin, 'GET', 'stats'),
		resetStats: async () => {
			await control(origin, 'POST', 'reset-stats');
		},
		setFaults: async (faults) => {
			await control(origin, 'POST', 'faults', faults);
		},
		documents: () => control<StoredDocument[]>(origin, 'GET', 'documents'),
		stop: async () => {
			if (!child || child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		},
	};
}

/** Starts `node cli.js --port 0` and waits for its banner; faults are applied through the control API. */
export async function spawnSandbox(faults: Partial<Faults> = {}): Promise<SandboxProcess> {
	const child = spawn(process.execPath, [CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	let errors = '';
	child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
	const origin = await new Promise<string>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /Base URL:\s+(http:\/\/\S+)\/V1/.exec(output);
			if (match) {
				child.stdout!.off('data', onData);
				child.stdout!.resume();
				resolve(match[1]);
			}
		};
		child.stdout!.on('data', onData);
		child.once('exit', (code) => reject(new Error(`sandbox exited (${code}) before starting: ${errors || output}`)));
		child.once('error', reject);
	});
	const sandbox = sandboxClient(origin, child.pid ?? 0, child);
	if (Object.keys(faults).length > 0) await sandbox.setFaults(faults);
	return sandbox;
}
