/**
 * `npm run bench` – how fast the Koywe node issues documents, and what it adds over a bare HTTP client.
 *
 *   npm run bench                 full run (~3.5 min; the R=5 case alone takes ~100 s)
 *   npm run bench -- --quick      smaller batches (~1 min), for a first look
 *   npm run bench -- --only throughput,faults
 *
 * For each task: a sandbox child process (the Koywe simulator, with the task's faults), then a worker process that
 * runs the task (worker.ts). Prints progress, then the tables; writes bench-results.json at the repository root.
 * A measurement tool, not a test: it exits 0 even when a target is missed (the table says so), 1 when a task
 * could not run at all.
 */
import { execFileSync, fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { render, resultsDocument, type Meta } from './report';
import { spawnSandbox, type SandboxProcess } from './sandboxProcess';
import { TASK_KINDS, plan, sandboxFaults, type Task, type TaskKind } from './scenarios';
import type { TaskResult, WorkerInput, WorkerMessage } from './worker';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const HELP = `npm run bench -- [options]

  --quick             fewer documents (50 at R=5, 200 at R=50, 200 for overhead/faults, 100/500/2000 for scaling)
  --only LIST         run only these tasks: ${TASK_KINDS.join(',')}
  --out FILE          where to write the results (default bench-results.json at the repository root)
  --queue [OPTIONS]   instead: the queue-mode row, real n8n 2.41.1 main + 2 and then 4 workers sharing a 5/s account
                      (test/e2e/queue, about 4 minutes; needs PostgreSQL, Redis and the e2e's n8n, installed if
                      missing). Further options go to the queue harness (npm run test:queue -- --help)
  --help              this text
`;

interface Args {
	quick: boolean;
	only: TaskKind[];
	out: string;
}

function parseArgs(argv: string[]): Args | undefined {
	const args: Args = { quick: false, only: [...TASK_KINDS], out: path.join(ROOT, 'bench-results.json') };
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split(/=(.*)/s, 2);
		const value = () => {
			const v = inline ?? argv[++index];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		if (flag === '--help' || flag === '-h') return undefined;
		else if (flag === '--quick') args.quick = true;
		else if (flag === '--out') args.out = path.resolve(value());
		else if (flag === '--only') {
			const kinds = value().split(',').map((kind) => kind.trim());
			const unknown = kinds.filter((kind) => !TASK_KINDS.includes(kind as TaskKind));
			if (unknown.length) throw new Error(`--only: unknown task ${unknown.join(', ')} (use ${TASK_KINDS.join(', ')})`);
			args.only = kinds as TaskKind[];
		} else throw new Error(`unknown option ${flag} (see --help)`);
	}
	return args;
}

/** The commit the figures belong to ("abc1234", "+ changes" when the working tree differs), or "unknown". */
function commit(): string {
	try {
		const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		const head = git('rev-parse', '--short', 'HEAD');
		return git('status', '--porcelain', '--untracked-files=no') ? `${head} + uncommitted changes` : head;
	} catch {
		return 'unknown';
	}
}

function log(line: string) {
	process.stdout.write(`${line}\n`);
}

function describe(task: Task): string {
	switch (task.kind) {
		case 'throughput':
			return `${task.documents} documents, sandbox limit ${task.rate}/s (bucket ${task.burst ?? task.rate}), latency ${task.latencyMs} ms, node maxRequestsPerSecond ${task.rate}, concurrency ${task.concurrency}; expect ~${Math.round(task.documents / task.rate)} s`;
		case 'overhead':
			return `${task.documents} documents x ${task.rounds} round(s), node vs raw undici, latency ${task.latencyMs} ms, ${task.concurrency} in flight`;
		case 'scaling':
			return `${task.documents} documents, latency ${task.latencyMs} ms, no rate limit, concurrency ${task.concurrency}`;
		case 'faults':
			return `${task.documents} documents clean, then ${task.documents} with every ${task.every}th create answering 500 after committing`;
	}
}

/** Prints the sandbox's counters every 5 s while a task runs, so a person can follow the long ones. */
function watch(sandbox: SandboxProcess, task: Task, started: number): () => void {
	let busy = false;
	const timer = setInterval(() => {
		if (busy) return;
		busy = true;
		sandbox
			.stats()
			.then((stats) => {
				const elapsed = ((performance.now() - started) / 1000).toFixed(0);
				const of = task.kind === 'throughput' ? `/${task.documents}` : '';
				log(
					`    … ${elapsed} s: ${stats.documentsStored}${of} documents stored, ${stats.rateLimited} 429s, ${stats.authCalls} /auth, ${stats.serverErrors} 5xx`,
				);
			})
			.catch(() => undefined)
			.finally(() => (busy = false));
	}, 5000);
	return () => clearInterval(timer);
}

async function runTask(task: Task, userFolder: string): Promise<TaskResult> {
	const sandbox = await spawnSandbox(sandboxFaults(task));
	const started = performance.now();
	const stopWatching = watch(sandbox, task, started);
	try {
		const child = fork(path.join(__dirname, 'worker.js'), [], {
			execArgv: ['--expose-gc'],
			env: { ...process.env, N8N_USER_FOLDER: userFolder },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		const result = await new Promise<TaskResult>((resolve, reject) => {
			let settled = false;
			child.on('message', (message: WorkerMessage) => {
				if (message.type === 'progress') log(`    ${message.text}`);
				else if (message.type === 'result') {
					settled = true;
					resolve(message.result);
				} else {
					settled = true;
					reject(new Error(message.message));
				}
			});
			child.once('exit', (code, signal) => {
				if (!settled) reject(new Error(`worker exited (${code ?? signal}) without a result`));
			});
			const input: WorkerInput = { task, origin: sandbox.origin };
			child.send(input);
		});
		log(`    done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
		return result;
	} finally {
		stopWatching();
		await sandbox.stop();
	}
}

/**
 * The queue-mode row: the queue e2e harness measuring (never failing) scenarios 3 (the account's limit shared by the
 * workers) and 4 (every webhook delivered twice) with 2 and 4 workers, after a warm-up delivery so the runs start in
 * steady state (a stored token).
 */
function queueRow(extra: string[]): number {
	const run = spawnSync('bash', [path.join(ROOT, 'test', 'e2e', 'queue', 'run.sh'), '--bench', '--warm-up', '--workers', '2,4', '--scenarios', '3,4', ...extra], {
		cwd: ROOT,
		stdio: 'inherit',
	});
	return run.status ?? 1;
}

async function main(): Promise<number> {
	const cli = process.argv.slice(2);
	if (cli.includes('--queue')) return queueRow(cli.filter((arg) => arg !== '--queue'));
	let args: Args | undefined;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`bench: ${(error as Error).message}\n`);
		return 2;
	}
	if (!args) {
		log(HELP);
		return 0;
	}
	const tasks = plan(args.quick).filter((task) => args!.only.includes(task.kind));
	const started = performance.now();
	const revision = commit();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'koywe-bench-n8n-'));
	log(`Koywe node benchmark: ${args.quick ? 'quick' : 'full'} run, ${tasks.length} tasks (sandbox in a child process, one worker process per task)`);
	const results: TaskResult[] = [];
	const failed: string[] = [];
	const loadAtStart = os.loadavg();
	try {
		for (const [index, task] of tasks.entries()) {
			log(`[${index + 1}/${tasks.length}] ${task.label}: ${describe(task)}`);
			try {
				results.push(await runTask(task, userFolder));
			} catch (error) {
				const message = (error as Error).message;
				failed.push(`${task.label}: ${message.split('\n')[0]}`);
				log(`    FAILED: ${message}`);
			}
		}
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}

	const argv = process.argv.slice(2).join(' ');
	const meta: Meta = {
		date: new Date().toISOString(),
		command: `npm run bench${argv ? ` -- ${argv}` : ''}`,
		commit: revision,
		mode: args.quick ? 'quick' : 'full',
		node: `Node ${process.version}`,
		platform: `${os.platform()} ${os.arch()}`,
		cpus: `${os.cpus().length} x ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
		loadAverage: { start: loadAtStart, end: os.loadavg() },
		totalSeconds: (performance.now() - started) / 1000,
		failed,
	};
	log('');
	log(render(results, meta));
	fs.writeFileSync(args.out, `${JSON.stringify(resultsDocument(results, meta), null, 2)}\n`);
	log('');
	log(`wrote ${path.relative(process.cwd(), args.out) || args.out}`);
	return failed.length ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`bench: ${(error as Error)?.stack ?? String(error)}\n`);
		process.exit(1);
	},
);
