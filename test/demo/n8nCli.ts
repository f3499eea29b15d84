/**
 * `npm run demo -- --n8n` runs the same example files in a real, headless n8n (its CLI: import:credentials,
 * import:workflow, execute --id) instead of the in-process engine. It uses the n8n installs `npm run test:e2e`
 * keeps in ~/.cache/n8n-nodes-koywe-e2e (n8n 2.41.1 on Node 24 by default, `--n8n=1` for n8n 1.123.81 on this Node).
 *
 * The node is loaded from a copy of dist/ through N8N_CUSTOM_EXTENSIONS, so its type is `CUSTOM.koywe` there: the
 * example files are imported with that type and otherwise as they are (plus the parameter changes the demo states).
 * Every `n8n execute` is a new n8n process sharing one SQLite database, like runs after a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { mergeParameters, type ParameterChanges, type WorkflowFile, type WorkflowRun } from './runner';
import { N8nCli, n8nEnvironment, tail, type N8nInstall } from '../e2e/n8n';

export { findN8n, type N8nInstall } from '../e2e/n8n';

const ENCRYPTION_KEY = 'koyweDemoFixedEncryptionKey0123456789';

export class N8nCliEngine {
	private constructor(
		readonly install: N8nInstall,
		private readonly root: string,
		private readonly cli: N8nCli,
	) {}

	private get userFolder(): string {
		return this.cli.userFolder;
	}

	private disposed = false;

	/** Deletes the throwaway n8n folder, or keeps it (with n8n's database and logs) and says where. */
	dispose(keep: boolean): void {
		if (this.disposed) return;
		this.disposed = true;
		if (keep) process.stdout.write(`  n8n user folder kept for inspection: ${this.userFolder} (logs in ${this.cli.logDir})\n`);
		else fs.rmSync(this.root, { recursive: true, force: true });
	}

	/** A throwaway n8n user folder with the node (a copy of dist/), the credential and the demo certificate. */
	static async prepare(install: N8nInstall, dist: string, credential: IDataObject): Promise<N8nCliEngine> {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koywe-demo-n8n-'));
		const userFolder = path.join(root, 'user');
		const extensions = path.join(root, 'custom');
		fs.mkdirSync(path.join(userFolder, '.n8n-files'), { recursive: true });
		fs.cpSync(dist, extensions, { recursive: true });
		// The demo runs exactly what it says: no N8N_*/DB_* variable of the caller's shell changes it.
		const env = await n8nEnvironment(install, { userFolder, encryptionKey: ENCRYPTION_KEY, customExtensions: extensions, passThrough: false });
		const cli = new N8nCli(install, env, { logDir: path.join(root, 'logs') });
		const engine = new N8nCliEngine(install, root, cli);
		// A demo that stops on an error never reaches its dispose(): keep the folder then, and say where it is.
		process.once('exit', () => engine.dispose(true));
		await cli.importCredentials([{ id: 'koyweAccount0001', name: 'Koywe account', type: 'koyweApi', data: { ...credential, accessToken: '' } }]);
		return engine;
	}

	/** Where files n8n may read live (n8n 2.x restricts file access to ~/.n8n-files by default). */
	get filesFolder(): string {
		return path.join(this.userFolder, '.n8n-files');
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
		await this.cli.importWorkflows(input);
		const started = Date.now();
		const { result, run: json } = await this.cli.execute<IDataObject>(id);
		if (!json) {
			throw new Error(`n8n execute printed no run data (exit ${String(result.code ?? result.signal)}):\n${tail(`${result.stdout}\n${result.stderr}`, 20)}`);
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
