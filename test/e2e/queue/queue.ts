/**
 * Queue-mode end-to-end test (issue 15): real n8n 2.41.1 as one main and N workers on a private PostgreSQL and Redis,
 * webhook-triggered workflows issuing one document each through the Koywe node against the sandbox, with faults.
 * Executions are counted from n8n's database, documents and duplicates from the sandbox, API calls per worker by
 * the meter. Prints, per scenario, each target next to what was measured; exits 1 when a target is missed.
 *
 *   node .build/test/e2e/queue/queue.js [--workers 2|2,4] [--scenarios 1,3] [--measure-only] [--bench]
 *        [--package custom|installed] [--concurrency 5] [--keep] [--json FILE]
 *
 * Run it through `npm run test:queue` (test/e2e/queue/run.sh), which installs PostgreSQL, Redis and n8n first.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DEFAULT_FAULTS, DEMO_ACCOUNTS, DEMO_CREDENTIALS, startSandbox, validateFaults, type KoyweSandbox } from '../../sandbox';
import { e2eCache, n8nInstall, node24, type N8nInstall } from '../n8n';
import { CUSTOM_NODE_TYPE, INSTALLED_NODE_TYPE, REPO, stagePackage } from '../package';
import { flattedOf, measure, readExecutions, waitForExecutions, type Flatted } from './measure';
import { Meter, SocketOwners } from './meter';
import { benchTable, checksTable, failuresReport, workersTable, type ScenarioOutcome } from './report';
import { RATE_LIMIT_PER_SECOND, SCENARIO_KEYS, selectScenarios, type Delivery, type Scenario, type ScenarioContext } from './scenarios';
import { Postgres, Redis, type PgClient } from './services';
import { QueueStack, type PackageMode } from './stack';

const HELP = `npm run test:queue -- [options]

  --workers LIST       worker counts, one n8n stack each (default 2; the bench row uses 2,4)
  --scenarios LIST     which scenarios (default all: ${SCENARIO_KEYS.join(',')})
  --measure-only       print the tables, exit 0 whatever the targets say
  --bench              measure-only, and print the bench row (docs/s ÷ limit, 429s, failed executions, duplicates)
  --package MODE       custom (dist/ through N8N_CUSTOM_EXTENSIONS, default) or installed (the packed tarball
                       installed into every user folder the way n8n installs a community package)
  --concurrency N      n8n worker --concurrency (default 5)
  --warm-up            one delivery before the scenarios, so they start with a stored token (steady state);
                       without it the first scenario also measures the cold start (every worker may log in)
  --keep               keep the temporary folder (n8n, PostgreSQL and Redis logs)
  --json FILE          also write the figures as JSON
  --n8n-dir DIR        n8n 2.x install (default: the e2e cache's n8n2)   --node BIN   its Node (default: Node 24)
`;

interface Args {
	workers: number[];
	scenarios: string[];
	measureOnly: boolean;
	bench: boolean;
	packageMode: PackageMode;
	concurrency: number;
	keep: boolean;
	warmUp: boolean;
	json?: string;
	n8nDir: string;
	node: string;
	startTimeoutMs: number;
	waitTimeoutMs: number;
}

function parseArgs(argv: string[]): Args | undefined {
	const args: Args = {
		workers: [2],
		scenarios: [...SCENARIO_KEYS],
		measureOnly: false,
		bench: false,
		packageMode: 'custom',
		concurrency: 5,
		keep: process.env.KOYWE_E2E_KEEP === '1',
		warmUp: false,
		n8nDir: path.join(e2eCache(), 'n8n2'),
		node: node24(),
		startTimeoutMs: Number(process.env.KOYWE_QUEUE_START_TIMEOUT_MS ?? 240_000),
		waitTimeoutMs: Number(process.env.KOYWE_QUEUE_WAIT_TIMEOUT_MS ?? 180_000),
	};
	const list = (v: string) =>
		v
			.split(',')
			.map((x) => x.trim())
			.filter(Boolean);
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = () => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		if (flag === '--help' || flag === '-h') return undefined;
		else if (flag === '--workers') {
			args.workers = list(value()).map(Number);
			if (!args.workers.length || args.workers.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) throw new Error('--workers takes counts from 1 to 8, e.g. 2,4');
		} else if (flag === '--scenarios') {
			args.scenarios = list(value());
			selectScenarios(args.scenarios);
		} else if (flag === '--measure-only') args.measureOnly = true;
		else if (flag === '--bench') args.bench = args.measureOnly = true;
		else if (flag === '--package') {
			const mode = value();
			if (mode !== 'custom' && mode !== 'installed') throw new Error('--package takes custom or installed');
			args.packageMode = mode;
		} else if (flag === '--concurrency') {
			args.concurrency = Number(value());
			if (!Number.isInteger(args.concurrency) || args.concurrency < 1) throw new Error('--concurrency takes a positive integer');
		} else if (flag === '--keep') args.keep = true;
		else if (flag === '--warm-up') args.warmUp = true;
		else if (flag === '--json') args.json = path.resolve(value());
		else if (flag === '--n8n-dir') args.n8nDir = path.resolve(value());
		else if (flag === '--node') args.node = value();
		else throw new Error(`unknown option ${flag}`);
	}
	return args;
}

function log(line: string): void {
	process.stdout.write(`[queue] ${line}\n`);
}

const ENCRYPTION_KEY = 'koyweQueueE2eEncryptionKey0123456789';
const CREDENTIAL = { id: 'koyweQueueCred01', name: 'Koywe sandbox (queue e2e)' };
const WEBHOOK_NODE = 'Order webhook';
const CREATE_NODE = 'Create document';
const TEMPLATE = path.join(REPO, 'test', 'e2e', 'queue', 'workflows', 'webhook-create.json');
const NO_FAULTS = { ...DEFAULT_FAULTS };

type Keyed = { key: string };
const workflowId = (s: Keyed) => `wfKoyweQueue00${s.key}`;
const webhookPath = (s: Keyed) => `koywe-queue-${s.key}`;
/** The workflow of `--warm-up`: one delivery before the scenarios, so the credential holds a token (steady state). */
const WARM_UP: Keyed = { key: '0' };

/** One workflow file per scenario: Webhook (respond at once) → Koywe create with the reference from the body. */
function writeWorkflows(dir: string, scenarios: Keyed[], nodeType: string): void {
	fs.mkdirSync(dir, { recursive: true });
	const template = fs.readFileSync(TEMPLATE, 'utf8');
	for (const s of scenarios) {
		const text = template
			.split('__WORKFLOW_ID__').join(workflowId(s))
			.split('__NAME__').join(`scenario ${s.key}`)
			.split('__WEBHOOK_ID__').join(randomUUID())
			.split('__PATH__').join(webhookPath(s))
			.split('__NODE_TYPE__').join(nodeType)
			.split('__CREDENTIAL_ID__').join(CREDENTIAL.id)
			.split('__CREDENTIAL_NAME__').join(CREDENTIAL.name);
		fs.writeFileSync(path.join(dir, `${workflowId(s)}.json`), JSON.stringify(JSON.parse(text), null, 2));
	}
}

function santiagoToday(): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago' }).format(new Date());
}

/** What the order system posts: the reference (an order number) and a valid Chilean factura. */
function webhookBody(d: Delivery): Record<string, unknown> {
	return {
		reference: d.reference,
		delivery: d.delivery,
		document: {
			header: {
				account_id: DEMO_ACCOUNTS.CL,
				document_type_id: 2,
				issue_date: santiagoToday(),
				receiver_tax_id_code: '76399932-7',
				receiver_tax_id_type: 'CL-RUT',
				receiver_legal_name: 'Comercial Los Andes SpA',
				receiver_address: 'Av. Providencia 1234',
				receiver_district: 'Providencia',
				receiver_city: 'Santiago',
				receiver_activity: 'Comercio',
				currency_id: 39,
				payment_conditions: '0',
			},
			details: [
				{
					quantity: 1,
					line_description: `Pedido ${d.reference}`,
					unit_measure: 'UN',
					unit_price: 1500,
					modifier_amount: 0,
					total_taxes: 285,
					total_amount_line: 1785,
					taxes: [{ tax_type_id: 387, tax_percentage: 19, tax_amount: 285 }],
				},
			],
			totals: { net_amount: 1500, taxes_amount: 285, total_amount: 1785 },
		},
	};
}

/** Sends every delivery at its time; resolves with each answer (200 = n8n accepted it and queued the execution). */
async function deliver(url: string, deliveries: Delivery[]): Promise<Array<{ status: number; error?: string }>> {
	const start = Date.now();
	return await Promise.all(
		deliveries.map(async (d) => {
			const wait = d.at - (Date.now() - start);
			if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
			try {
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(webhookBody(d)),
					signal: AbortSignal.timeout(30_000),
				});
				const text = await res.text();
				return res.status === 200 ? { status: 200 } : { status: res.status, error: `HTTP ${res.status}: ${text.slice(0, 160)}` };
			} catch (error) {
				return { status: 0, error: (error as Error).message };
			}
		}),
	);
}

interface RunContext {
	args: Args;
	install: N8nInstall;
	sandbox: KoyweSandbox;
	meter: Meter;
	stack: QueueStack;
	db: PgClient;
	flatted: Flatted;
	scenarioContext: ScenarioContext;
	runId: string;
	/** When this stack started: a token obtained since then is in its credential. */
	stackStartedAt: number;
}

async function runScenario(ctx: RunContext, scenario: Scenario): Promise<ScenarioOutcome> {
	const workers = ctx.stack.workers.length;
	const prefix = `Q${scenario.key}W${workers}-${ctx.runId}`;
	const deliveries = scenario.deliveries(prefix);
	log(`scenario ${scenario.key} [${workers} workers]: ${scenario.title} — ${scenario.proves}`);
	const faults = scenario.faults(ctx.scenarioContext);
	ctx.sandbox.setFaults(NO_FAULTS);
	ctx.sandbox.setFaults(faults as never);
	if (Object.keys(faults).length) log(`  sandbox faults: ${JSON.stringify(faults)}`);
	const tokenExists = ctx.meter.between(ctx.stackStartedAt).some((r) => r.path === '/V1/auth' && r.status === 200);
	const sandboxBefore = ctx.sandbox.stats();
	const t0 = Date.now();
	try {
		const answers = await deliver(ctx.stack.webhookUrl(webhookPath(scenario)), deliveries);
		const sendMs = Date.now() - t0;
		const accepted = answers.filter((a) => a.status === 200).length;
		log(`  ${accepted}/${deliveries.length} webhook calls accepted in ${(sendMs / 1000).toFixed(1)} s; waiting for the executions`);
		const t1 = Date.now();
		const waited = await waitForExecutions(
			ctx.db,
			workflowId(scenario),
			accepted,
			ctx.args.waitTimeoutMs,
			(statuses) => log(`    executions so far: ${JSON.stringify(statuses)}`),
			() => {
				const dead = ctx.stack.crashed();
				return dead.length ? `${dead.join(', ')} exited` : undefined;
			},
		);
		const settleMs = Date.now() - t1;
		await new Promise((resolve) => setTimeout(resolve, 300)); // the meter records an answer once it is sent
		ctx.sandbox.setFaults(NO_FAULTS);
		const executions = await readExecutions(ctx.db, ctx.flatted, workflowId(scenario), ctx.stack.executionWorkers(), CREATE_NODE, WEBHOOK_NODE);
		const unfinished = waited.done ? 0 : executions.filter((e) => !['success', 'error', 'crashed', 'canceled'].includes(e.status)).length + Math.max(0, accepted - executions.length);
		const measured = measure({
			key: scenario.key,
			title: scenario.title,
			workerNames: ctx.stack.workers.map((w) => w.name),
			deliveries,
			answers,
			prefix,
			executions,
			unfinished,
			documents: ctx.sandbox.documents(),
			requests: ctx.meter.between(t0),
			sandboxBefore,
			sandboxAfter: ctx.sandbox.stats(),
			tokenLifetimes: (tokenExists ? 0 : 1) + scenario.revocations,
			rateLimitPerSecond: scenario.key === '3' ? RATE_LIMIT_PER_SECOND : undefined,
			timings: { sendMs, settleMs, totalMs: Date.now() - t0 },
		});
		const checks = scenario.checks(measured, ctx.scenarioContext);
		if (!waited.done) {
			checks.unshift({
				what: 'every execution finished',
				expected: `within ${ctx.args.waitTimeoutMs / 1000} s`,
				measured: `${unfinished} not finished ${JSON.stringify(waited.statuses)}${waited.aborted ? ` (stopped waiting: ${waited.aborted})` : ''}`,
				ok: false,
			});
		}
		const crashed = ctx.stack.crashed();
		if (crashed.length) checks.unshift({ what: 'n8n processes alive', expected: 'all', measured: `${crashed.join(', ')} exited`, ok: false });
		const failed = checks.filter((c) => !c.ok && !c.info).length;
		log(`  done in ${(measured.timings.totalMs / 1000).toFixed(1)} s: ${failed ? `${failed} target(s) missed` : 'all targets met'}`);
		return { workers, measured, checks };
	} catch (error) {
		ctx.sandbox.setFaults(NO_FAULTS);
		const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
		log(`  ERROR: ${message}`);
		return { workers, measured: emptyMeasured(scenario, workers), checks: [], error: message };
	}
}

function emptyMeasured(scenario: Scenario, workers: number): ScenarioOutcome['measured'] {
	const none = { requests: 0 } as never;
	const m = measure({
		key: scenario.key,
		title: scenario.title,
		workerNames: [],
		deliveries: [],
		answers: [],
		prefix: '-',
		executions: [],
		unfinished: 0,
		documents: [],
		requests: [],
		sandboxBefore: none,
		sandboxAfter: none,
		tokenLifetimes: 0,
		timings: { sendMs: 0, settleMs: 0, totalMs: 0 },
	});
	return { ...m, workers };
}

/** One delivery through the warm-up workflow: the worker that runs it logs in and n8n stores the token. */
async function warmUp(ctx: RunContext): Promise<void> {
	const t0 = Date.now();
	const [answer] = await deliver(ctx.stack.webhookUrl(webhookPath(WARM_UP)), [{ at: 0, reference: `WARMUP-${ctx.runId}-${ctx.stack.workers.length}`, delivery: 1 }]);
	if (answer.status !== 200) throw new Error(`warm-up call refused: ${answer.error ?? answer.status}`);
	const waited = await waitForExecutions(ctx.db, workflowId(WARM_UP), 1, 60_000, () => undefined);
	if (!waited.done || !waited.statuses.success) throw new Error(`warm-up execution did not succeed: ${JSON.stringify(waited.statuses)}`);
	log(`warm-up: one delivery issued one document in ${((Date.now() - t0) / 1000).toFixed(1)} s; the credential now holds a token`);
}

/**
 * Waits until the main has registered a production webhook for every scenario's workflow: n8n 2.41.1 activates the
 * published workflows after it reports "Editor is now accessible", and a call that comes earlier gets a 404.
 */
async function waitForWebhooks(db: PgClient, scenarios: Keyed[], timeoutMs: number): Promise<number> {
	const started = Date.now();
	for (;;) {
		const { rows } = await db.query<{ webhookPath: string }>('SELECT "webhookPath" FROM webhook_entity');
		const registered = new Set(rows.map((r) => r.webhookPath));
		const missing = scenarios.map(webhookPath).filter((p) => !registered.has(p));
		if (!missing.length) return Date.now() - started;
		if (Date.now() - started > timeoutMs) {
			throw new Error(`n8n did not activate the webhook(s) ${missing.join(', ')} within ${timeoutMs / 1000} s of starting`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Whether the sandbox can limit an account as a whole (coming: fault `rateLimitScope: 'account'`). */
function sandboxHasAccountScope(): boolean {
	try {
		validateFaults({ rateLimitScope: 'account' });
		return true;
	} catch {
		return false;
	}
}

async function main(): Promise<number> {
	let args: Args | undefined;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`[queue] ${(error as Error).message} (see --help)\n`);
		return 2;
	}
	if (!args) {
		process.stdout.write(HELP);
		return 0;
	}
	const started = Date.now();
	const scenarios = selectScenarios(args.scenarios);
	const install = n8nInstall(args.n8nDir, args.node);
	if (install.major !== '2') throw new Error(`queue mode e2e needs n8n 2.x (found ${install.label})`);
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koywe-queue-'));
	process.on('exit', () => {
		if (!args.keep) fs.rmSync(root, { recursive: true, force: true });
	});
	const runId = Date.now().toString(36);
	const scenarioContext: ScenarioContext = { accountScopedLimit: sandboxHasAccountScope() };
	log(`${install.label} on Node ${install.node}; workers ${args.workers.join(' and ')} (concurrency ${args.concurrency}); package: ${args.packageMode}; scenarios ${scenarios.map((s) => s.key).join(',')}; work dir ${root}`);
	if (!scenarioContext.accountScopedLimit) {
		log('  note: this sandbox limits per token, not per account (no rateLimitScope fault yet): scenario 3 holds the account limit only while all workers share one token, and says so');
	}

	const timings: Record<string, number> = {};
	const outcomes: ScenarioOutcome[] = [];
	let harnessError: string | undefined;
	let sandbox: KoyweSandbox | undefined;
	let meter: Meter | undefined;
	let pg: Postgres | undefined;
	let redis: Redis | undefined;
	try {
		const stageDir = stagePackage(path.join(root, 'package'));
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
		const owners = new SocketOwners();
		meter = await Meter.start(new URL(sandbox.baseUrl).origin, owners);
		log(`sandbox at ${sandbox.baseUrl}; n8n reaches it through the meter at ${meter.origin}/V1`);
		let t = Date.now();
		[pg, redis] = await Promise.all([Postgres.start(path.join(root, 'pg'), install.dir, log), Redis.start(path.join(root, 'redis'), log)]);
		timings['PostgreSQL + Redis start'] = Date.now() - t;

		for (const workers of args.workers) {
			const dir = path.join(root, `stack-${workers}w`);
			t = Date.now();
			const postgres = await pg.createDatabase(`n8n_${workers}w`);
			const workflowsDir = path.join(dir, 'workflows');
			const workflows: Keyed[] = args.warmUp ? [WARM_UP, ...scenarios] : scenarios;
			writeWorkflows(workflowsDir, workflows, args.packageMode === 'custom' ? CUSTOM_NODE_TYPE : INSTALLED_NODE_TYPE);
			log(`n8n queue mode: main + ${workers} workers on database ${postgres.database}`);
			let stack: QueueStack | undefined;
			let db: PgClient | undefined;
			try {
				stack = await QueueStack.start(
					{
						install,
						dir,
						workers,
						concurrency: args.concurrency,
						packageMode: args.packageMode,
						stageDir,
						postgres,
						redis: { host: redis.host, port: redis.port },
						bullPrefix: `koyweq${workers}w`,
						encryptionKey: ENCRYPTION_KEY,
						log,
						startTimeoutMs: args.startTimeoutMs,
					},
					[{ id: CREDENTIAL.id, name: CREDENTIAL.name, type: 'koyweApi', data: { baseUrl: `${meter.origin}/V1`, ...DEMO_CREDENTIALS, accessToken: '' } }],
					workflowsDir,
					workflows.map(workflowId),
				);
				for (const p of stack.processes()) owners.register(p.pid, p.name);
				db = await pg.client(postgres.database);
				const activationMs = await waitForWebhooks(db, workflows, 60_000);
				log(`  webhooks of ${workflows.length} workflow(s) registered ${(activationMs / 1000).toFixed(1)} s after the main was up`);
				timings[`${workers}w: import (migrations, credential, workflows)`] = stack.timings.importMs;
				timings[`${workers}w: main + workers ready`] = stack.timings.startMs;
				const ctx: RunContext = { args, install, sandbox, meter, stack, db, flatted: flattedOf(install.dir), scenarioContext, runId, stackStartedAt: t };
				if (args.warmUp) await warmUp(ctx);
				for (const scenario of scenarios) {
					const outcome = await runScenario(ctx, scenario);
					outcomes.push(outcome);
					timings[`${workers}w: scenario ${scenario.key}`] = outcome.measured.timings.totalMs;
				}
			} catch (error) {
				harnessError = error instanceof Error ? (error.stack ?? error.message) : String(error);
				log(`ERROR with ${workers} workers: ${harnessError}`);
				if (stack) log(`last output of the n8n processes:\n${stack.tails()}`);
			} finally {
				await db?.end().catch(() => undefined);
				t = Date.now();
				await stack?.stop();
				timings[`${workers}w: stop`] = Date.now() - t;
			}
			if (harnessError) break;
		}
	} catch (error) {
		harnessError = error instanceof Error ? (error.stack ?? error.message) : String(error);
		log(`ERROR: ${harnessError}`);
	} finally {
		await meter?.stop().catch(() => undefined);
		await sandbox?.stop();
		await redis?.stop().catch(() => undefined);
		await pg?.stop().catch(() => undefined);
	}

	process.stdout.write(`\n================ queue-mode e2e: targets vs measured ================\n`);
	process.stdout.write(`${checksTable(outcomes)}\n\n`);
	process.stdout.write(`Per process (API requests attributed through the meter; executions from the workers' logs):\n${workersTable(outcomes)}\n`);
	const failures = failuresReport(outcomes);
	if (failures) process.stdout.write(`\nWhat failed executions ended with (n8n's database):\n${failures}\n`);
	if (args.bench) process.stdout.write(`\nBench row (queue mode, sandbox limit ${RATE_LIMIT_PER_SECOND}/s for scenario 3):\n${benchTable(outcomes)}\n`);
	timings.total = Date.now() - started;
	process.stdout.write(`\nTimings: ${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join('; ')}\n`);
	if (args.json) {
		fs.writeFileSync(
			args.json,
			JSON.stringify({ n8n: install.label, workersConcurrency: args.concurrency, packageMode: args.packageMode, accountScopedLimit: scenarioContext.accountScopedLimit, timings, outcomes }, null, 2),
		);
	}
	if (args.keep) log(`kept ${root}`);
	if (harnessError) {
		log('FAILED: the harness could not run every scenario (see ERROR above)');
		return 2;
	}
	const missed = outcomes.flatMap((o) => (o.error ? [`${o.measured.key}: ${o.error.split('\n')[0]}`] : o.checks.filter((c) => !c.ok && !c.info).map((c) => `${o.measured.key}: ${c.what}`)));
	if (missed.length && !args.measureOnly) {
		log(`FAILED: ${missed.length} target(s) missed — ${missed.join('; ')}`);
		return 1;
	}
	log(missed.length ? `measured (--measure-only): ${missed.length} target(s) missed` : 'all targets met');
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`[queue] fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(2);
	},
);
