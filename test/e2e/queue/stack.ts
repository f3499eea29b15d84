/**
 * n8n in queue mode: one main (`n8n start`: editor, webhooks, puts executions on the Bull queue) and N workers
 * (`n8n worker --concurrency=C`: take executions off the queue and run them), sharing one PostgreSQL database and one
 * Redis, like separate containers would: each process has its own user folder, its own ports (editor, task-runner
 * broker, worker health check) and the same N8N_ENCRYPTION_KEY. The package is a copy of dist/ loaded through
 * N8N_CUSTOM_EXTENSIONS, or the packed tarball installed into every user folder the way n8n installs a community
 * package.
 */
import path from 'node:path';

import {
	N8nCli,
	n8nEnvironment,
	withOwnPorts,
	type CredentialEntry,
	type N8nInstall,
	type PostgresConnection,
	type RunningProcess,
} from '../n8n';
import { copyInstalledPackage, installPackedPackage } from '../package';

export type PackageMode = 'custom' | 'installed';

export interface StackOptions {
	install: N8nInstall;
	/** Folder for the user folders and logs of this stack. */
	dir: string;
	workers: number;
	concurrency: number;
	packageMode: PackageMode;
	/** The staged package (package.json + dist). */
	stageDir: string;
	postgres: PostgresConnection;
	redis: { host: string; port: number };
	/** Keeps two stacks on one Redis apart. */
	bullPrefix: string;
	encryptionKey: string;
	log: (line: string) => void;
	startTimeoutMs: number;
}

const WORKER_READY = /n8n worker is now ready/;
const MAIN_READY = /Editor is now accessible via/;

export class QueueStack {
	private constructor(
		readonly options: StackOptions,
		readonly cli: N8nCli,
		readonly main: RunningProcess,
		readonly workers: RunningProcess[],
		readonly port: number,
		readonly timings: { importMs: number; startMs: number },
	) {}

	/**
	 * Imports the credentials and workflows and publishes `workflowIds`, then starts the main and the workers at the
	 * same time and waits until the main listens (its published workflows' webhooks registered) and every worker
	 * listens to the queue.
	 */
	static async start(
		options: StackOptions,
		credentials: CredentialEntry[],
		workflowsDir: string,
		workflowIds: string[],
	): Promise<QueueStack> {
		const { install, dir, log } = options;
		const logDir = path.join(dir, 'logs');
		const base = {
			encryptionKey: options.encryptionKey,
			postgres: options.postgres,
			redis: options.redis,
			customExtensions: options.packageMode === 'custom' ? path.join(options.stageDir, 'dist') : undefined,
			// A webhook that runs on a worker logs "Worker started execution <id>" (info): the per-worker figures need it.
			logLevel: 'info' as const,
			extra: {
				QUEUE_BULL_PREFIX: options.bullPrefix,
				N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
				// Only this harness talks to the editor port; the REST API is not used.
				N8N_DISABLE_UI: 'true',
			},
		};
		const t0 = Date.now();
		const mainFolder = path.join(dir, 'main');
		const mainEnv = await n8nEnvironment(install, { ...base, userFolder: mainFolder });
		if (options.packageMode === 'installed') await installPackedPackage(options.stageDir, mainFolder, log);
		const cli = new N8nCli(install, mainEnv, { logDir, log });
		// The first command on an empty database runs n8n's migrations.
		await cli.importCredentials(credentials);
		await cli.importWorkflows(workflowsDir);
		// One n8n process per publish (about 4 s, mostly start-up): three at a time.
		for (let i = 0; i < workflowIds.length; i += 3) {
			await Promise.all(workflowIds.slice(i, i + 3).map(async (id) => await cli.publishWorkflow(id)));
		}
		const importMs = Date.now() - t0;

		const t1 = Date.now();
		const port = Number(mainEnv.N8N_PORT);
		const main = cli.start(['start'], {
			name: 'main',
			env: mainEnv,
			// n8n activates the published workflows (registers their webhooks) before it prints this line.
			ready: MAIN_READY,
			readyTimeoutMs: options.startTimeoutMs,
		});
		const workers: RunningProcess[] = [];
		for (let i = 1; i <= options.workers; i++) {
			const userFolder = path.join(dir, `worker-${i}`);
			if (options.packageMode === 'installed') copyInstalledPackage(mainFolder, userFolder);
			const env = await withOwnPorts(await n8nEnvironment(install, { ...base, userFolder }), {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
			workers.push(
				cli.start(['worker', `--concurrency=${options.concurrency}`], {
					name: `worker-${i}`,
					env,
					ready: WORKER_READY,
					readyTimeoutMs: options.startTimeoutMs,
				}),
			);
		}
		const stack = new QueueStack(options, cli, main, workers, port, { importMs, startMs: 0 });
		try {
			await Promise.all([main.ready, ...workers.map(async (w) => await w.ready)]);
		} catch (error) {
			await stack.stop();
			throw error;
		}
		stack.timings.startMs = Date.now() - t1;
		return stack;
	}

	webhookUrl(webhookPath: string): string {
		return `http://127.0.0.1:${this.port}/webhook/${webhookPath}`;
	}

	/** Every running n8n process with its name (for attributing API requests). */
	processes(): RunningProcess[] {
		return [this.main, ...this.workers];
	}

	/** Execution id → worker name, from the workers' "Worker started execution <id>" log lines. */
	executionWorkers(): Map<string, string> {
		const map = new Map<string, string>();
		for (const worker of this.workers) {
			for (const match of worker.output.matchAll(/Worker started execution (\d+)/g)) map.set(match[1], worker.name);
		}
		return map;
	}

	/** Processes that stopped although nobody asked them to. */
	crashed(): string[] {
		return this.processes()
			.filter((p) => !p.running)
			.map((p) => p.name);
	}

	/** Workers first (they hand their executions back), then the main. */
	async stop(): Promise<void> {
		await Promise.all(this.workers.map(async (w) => await w.stop(20_000)));
		await this.main.stop(20_000);
	}

	/** The last lines each process printed (for a failure report). */
	tails(lines = 15): string {
		return this.processes()
			.map((p) => `--- ${p.name} ---\n${p.output.split('\n').filter(Boolean).slice(-lines).join('\n')}`)
			.join('\n');
	}
}
