/**
 * End-to-end tests in a real, headless n8n (driven through its CLI) against the local Koywe sandbox.
 *
 *   node .build/test/e2e/e2e.js --n8n-dir <dir with node_modules/n8n> --node <node binary> --label "n8n 2.41.1"
 *        [--installed-package] [--expression-engine legacy|vm] [--summary <file>] [--keep]
 *
 * Run it through `npm run test:e2e` (test/e2e/run.sh), which builds, installs n8n (setup.sh) and picks the
 * Node binary each n8n version needs. This process itself runs on the machine's Node (20); only the n8n
 * child processes run on the given binary.
 *
 * Scenarios (each `n8n execute` is a new n8n process with the same user folder / SQLite database):
 *   a. batch create: Manual Trigger -> Code (8 items) -> Koywe create: 8 documents, exactly one POST /auth
 *   b. find by reference returns the document just created
 *   c. get MIPYME (certificate as a base64 parameter) returns status 0
 *   d. a burst of two 429s is honoured: run succeeds, 2 rate-limited answers, no duplicate
 *   e. 500-after-commit on every 3rd create is reconciled: no duplicate, some items flagged deduplicated
 *   f. the token persisted in n8n's database: a later run in a new process makes no POST /auth
 *   h. neither the client secret nor the API password nor a bearer token appears in anything n8n printed
 *   g. (--installed-package) the packed tarball installed like n8n installs community packages runs (a)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { DEFAULT_FAULTS, DEMO_CREDENTIALS, startSandbox } from '../sandbox';
import { N8nCli, n8nEnvironment, n8nInstall, tail, type Execution as CliExecution } from './n8n';
import { CUSTOM_NODE_TYPE, INSTALLED_NODE_TYPE, REPO, installPackedPackage, stagePackage } from './package';

type Json = Record<string, unknown>;
type Stats = Record<string, number>;

interface StoredDoc {
	document_id: number;
	references: Array<Record<string, unknown>> | null;
}

interface Sandbox {
	baseUrl: string;
	documents(): StoredDoc[];
	stats(): Stats | Promise<Stats>;
	setFaults(faults: Json): unknown;
	resetStats(): unknown;
	stop(): unknown;
}

interface Args {
	n8nDir: string;
	node: string;
	label: string;
	installedPackage: boolean;
	summary?: string;
	keep: boolean;
	expressionEngine?: string;
}

const WORKFLOWS_DIR = path.join(REPO, 'test', 'e2e', 'workflows');
const ENCRYPTION_KEY = 'koyweE2eFixedEncryptionKey0123456789';
const CREDENTIAL_ID = 'koyweE2ECred0001';
const CREDENTIAL_NAME = 'Koywe sandbox (e2e)';
const BATCH = 8;
const CERT_BASE64 = Buffer.from('E2E-DEMO-CERTIFICATE-PFX', 'latin1').toString('base64');
const CERT_PASSWORD = 'e2e-demo-password';

function parseArgs(argv: string[]): Args {
	const args: Args = { n8nDir: '', node: process.execPath, label: 'n8n', installedPackage: false, keep: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = (): string => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`missing value for ${a}`);
			return v;
		};
		if (a === '--n8n-dir') args.n8nDir = path.resolve(next());
		else if (a === '--node') args.node = next();
		else if (a === '--label') args.label = next();
		else if (a === '--installed-package') args.installedPackage = true;
		else if (a === '--summary') args.summary = next();
		else if (a === '--keep') args.keep = true;
		else if (a === '--expression-engine') args.expressionEngine = next();
		else throw new Error(`unknown argument ${a}`);
	}
	if (!args.n8nDir) throw new Error('--n8n-dir is required');
	return args;
}

function log(msg: string): void {
	process.stdout.write(`[e2e] ${msg}\n`);
}

type Execution = CliExecution<Json>;

interface NodeRun {
	items: Array<{ json: Json; pairedItem?: unknown }>;
	error?: Json;
}

function get(obj: unknown, ...keys: Array<string | number>): unknown {
	let cur: unknown = obj;
	for (const k of keys) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string | number, unknown>)[k];
	}
	return cur;
}

function nodeRun(run: Json | undefined, nodeName: string): NodeRun {
	const task = get(run, 'data', 'resultData', 'runData', nodeName, 0);
	const main = get(task, 'data', 'main') as unknown[][] | undefined;
	const items = (Array.isArray(main) ? main.flat() : []) as NodeRun['items'];
	return { items, error: get(task, 'error') as Json | undefined };
}

function runError(run: Json | undefined): string | undefined {
	const err = get(run, 'data', 'resultData', 'error') as Json | undefined;
	if (!err) return undefined;
	const node = get(err, 'node', 'name');
	return `${String(err.message ?? '')}${err.description ? ` — ${String(err.description)}` : ''}${node ? ` (node "${String(node)}")` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------------------------

class AssertionFailed extends Error {}

function check(cond: unknown, message: string): asserts cond {
	if (!cond) throw new AssertionFailed(message);
}

function delta(before: Stats, after: Stats): Stats {
	const d: Stats = {};
	for (const [k, v] of Object.entries(after)) {
		if (typeof v !== 'number') continue;
		d[k] = k === 'maxInFlight' ? v : v - (before[k] ?? 0);
	}
	return d;
}

function compactItems(items: NodeRun['items'], max = 3): string {
	const shown = items.slice(0, max).map((i) => {
		const j = { ...i.json };
		for (const k of ['result', 'electronic_document', 'document_xml', 'document_pdf', 'document']) {
			if (typeof j[k] === 'string' && (j[k] as string).length > 120) j[k] = `${(j[k] as string).slice(0, 60)}…`;
			else if (j[k] && typeof j[k] === 'object') j[k] = '{…}';
		}
		return JSON.stringify({ json: j, pairedItem: i.pairedItem });
	});
	return shown.join('\n      ') + (items.length > max ? `\n      … ${items.length - max} more` : '');
}

// ---------------------------------------------------------------------------------------------------------
// Suite
// ---------------------------------------------------------------------------------------------------------

interface ScenarioResult {
	name: string;
	ok: boolean;
	ms: number;
	message?: string;
}

class Suite {
	readonly results: ScenarioResult[] = [];

	constructor(
		readonly sandbox: Sandbox,
		private readonly label: string,
	) {}

	async stats(): Promise<Stats> {
		return { ...(await this.sandbox.stats()) };
	}

	async scenario(name: string, body: () => Promise<void>): Promise<void> {
		const started = Date.now();
		log(`${this.label} — ${name}`);
		try {
			await body();
			const ms = Date.now() - started;
			this.results.push({ name, ok: true, ms });
			log(`  PASS ${name} (${(ms / 1000).toFixed(1)} s)`);
		} catch (e) {
			const ms = Date.now() - started;
			const message = e instanceof Error ? (e instanceof AssertionFailed ? e.message : e.stack ?? e.message) : String(e);
			this.results.push({ name, ok: false, ms, message });
			log(`  FAIL ${name} (${(ms / 1000).toFixed(1)} s)\n      ${message.split('\n').join('\n      ')}`);
		} finally {
			// Never let a fault leak into the next scenario.
			this.sandbox.setFaults(NO_FAULTS);
		}
	}
}

const NO_FAULTS = { ...DEFAULT_FAULTS } as unknown as Json;

interface Instance {
	n8n: N8nCli;
	nodeType: string;
}

function materialiseWorkflows(dir: string, nodeType: string): string[] {
	fs.mkdirSync(dir, { recursive: true });
	const ids: string[] = [];
	for (const file of fs.readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.json')).sort()) {
		const text = fs
			.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')
			.split('__NODE_TYPE__')
			.join(nodeType)
			.split('__CREDENTIAL_ID__')
			.join(CREDENTIAL_ID)
			.split('__CREDENTIAL_NAME__')
			.join(CREDENTIAL_NAME)
			.split('__CERT_BASE64__')
			.join(CERT_BASE64)
			.split('__CERT_PASSWORD__')
			.join(CERT_PASSWORD);
		const wf = JSON.parse(text) as Json;
		ids.push(String(wf.id));
		fs.writeFileSync(path.join(dir, file), JSON.stringify(wf, null, 2));
	}
	return ids;
}

async function prepareInstance(
	args: Args,
	sandbox: Sandbox,
	root: string,
	name: string,
	nodeType: string,
	extensions: string | undefined,
): Promise<Instance> {
	const userFolder = path.join(root, name);
	const install = n8nInstall(args.n8nDir, args.node);
	// Any N8N_*/DB_* variable of this process is passed through (e.g. N8N_EXPRESSION_ENGINE for a comparison run);
	// the driver's settings win over it.
	const env = await n8nEnvironment(install, {
		userFolder,
		encryptionKey: ENCRYPTION_KEY,
		customExtensions: extensions,
		expressionEngine: args.expressionEngine,
	});
	const n8n = new N8nCli(install, env, { logDir: path.join(userFolder, 'logs'), log });
	const baseUrl = `${sandbox.baseUrl.replace(/\/+$/, '')}${/\/V1$/.test(sandbox.baseUrl) ? '' : '/V1'}`;
	await n8n.importCredentials([
		{ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, type: 'koyweApi', data: { baseUrl, ...DEMO_CREDENTIALS, accessToken: '' } },
	]);
	const wfDir = path.join(userFolder, 'workflows');
	materialiseWorkflows(wfDir, nodeType);
	await n8n.importWorkflows(wfDir);
	return { n8n, nodeType };
}

async function execute(inst: Instance, workflowId: string): Promise<Execution> {
	return await inst.n8n.execute<Json>(workflowId);
}

function describeExecution(ex: Execution, nodeNames: string[]): string {
	const parts = [`exit ${ex.result.code}${ex.result.timedOut ? ' (timed out)' : ''}, status ${String(get(ex.run, 'status'))}`];
	const err = runError(ex.run);
	if (err) parts.push(`run error: ${err}`);
	for (const n of nodeNames) {
		const nr = nodeRun(ex.run, n);
		if (nr.error) parts.push(`node "${n}" error: ${String(nr.error.message ?? '')} ${String(nr.error.description ?? '')}`);
		if (nr.items.length) parts.push(`node "${n}" ${nr.items.length} items:\n      ${compactItems(nr.items)}`);
	}
	if (!ex.run) parts.push(`no run JSON in stdout; last output:\n${tail(ex.result.stdout + '\n' + ex.result.stderr, 30)}`);
	return parts.join('\n    ');
}

function expectSuccess(ex: Execution, nodeNames: string[]): void {
	const ok = ex.result.code === 0 && ex.run !== undefined && !runError(ex.run) && get(ex.run, 'status') !== 'error';
	check(ok, `execution failed: ${describeExecution(ex, nodeNames)}`);
}

const CREATE_NODE = 'Create documents';

function expectCreatedBatch(sandbox: Sandbox, ex: Execution, d: Stats, count: number): NodeRun {
	const nr = nodeRun(ex.run, CREATE_NODE);
	const ctx = (): string => `\n    stats delta ${JSON.stringify(d)}\n    ${describeExecution(ex, [CREATE_NODE])}`;
	check(nr.items.length === count, `expected ${count} output items from "${CREATE_NODE}", got ${nr.items.length}${ctx()}`);
	const ids = new Set<unknown>();
	nr.items.forEach((item, i) => {
		const j = item.json;
		check(j.document_id !== undefined && j.document_id !== null, `item ${i} has no document_id${ctx()}`);
		check(!('error' in j), `item ${i} is an error item: ${JSON.stringify(j.error)}${ctx()}`);
		check(get(item, 'pairedItem', 'item') === i, `item ${i} pairedItem is ${JSON.stringify(item.pairedItem)}${ctx()}`);
		ids.add(j.document_id);
	});
	check(ids.size === count, `expected ${count} distinct document_id, got ${ids.size}${ctx()}`);
	check(d.duplicates === 0, `sandbox stored duplicates: ${d.duplicates}${ctx()}`);
	check(d.documentsStored === count, `expected ${count} documents stored, got ${d.documentsStored}${ctx()}`);
	// Each input item's reference is stored exactly once, as the document that item's output names.
	const inputs = nodeRun(ex.run, 'Make documents').items;
	check(inputs.length === count, `expected ${count} items from "Make documents", got ${inputs.length}${ctx()}`);
	const byRef = new Map<string, number[]>();
	for (const doc of sandbox.documents()) {
		for (const ref of doc.references ?? []) {
			if (String(ref.reference_type) !== '802') continue;
			const list = byRef.get(String(ref.reference_number)) ?? [];
			list.push(doc.document_id);
			byRef.set(String(ref.reference_number), list);
		}
	}
	inputs.forEach((input, i) => {
		const ref = String(input.json.reference);
		const stored = byRef.get(ref) ?? [];
		check(stored.length === 1, `reference ${ref} (item ${i}) is stored ${stored.length} times in the sandbox${ctx()}`);
		check(
			String(stored[0]) === String(nr.items[i].json.document_id),
			`item ${i} (reference ${ref}) outputs document ${String(nr.items[i].json.document_id)} but the sandbox stored it as ${stored[0]}${ctx()}`,
		);
	});
	return nr;
}

async function runScenarios(suite: Suite, inst: Instance, options: { full: boolean }): Promise<void> {
	const sb = suite;

	await sb.scenario('a. batch of 8 from a Code node: 8 documents, exactly one /auth', async () => {
		const before = await sb.stats();
		const ex = await execute(inst, 'wfKoyweE2E0001');
		const d = delta(before, await sb.stats());
		expectSuccess(ex, ['Make documents', CREATE_NODE]);
		const nr = expectCreatedBatch(sb.sandbox, ex, d, BATCH);
		check(d.authCalls === 1, `expected exactly 1 POST /auth, got ${d.authCalls} (stats delta ${JSON.stringify(d)})`);
		check(d.creates === BATCH, `expected ${BATCH} creates, got ${d.creates} (stats delta ${JSON.stringify(d)})`);
		check(
			nr.items.every((i) => i.json.deduplicated === false),
			`expected deduplicated=false on a clean batch:\n      ${compactItems(nr.items, 8)}`,
		);
	});
	if (!options.full) return;

	await sb.scenario('b. find by reference returns the document', async () => {
		const before = await sb.stats();
		const ex = await execute(inst, 'wfKoyweE2E0002');
		const d = delta(before, await sb.stats());
		const names = ['Make documents', 'Create document', 'Find by reference'];
		expectSuccess(ex, names);
		const created = nodeRun(ex.run, 'Create document').items;
		const found = nodeRun(ex.run, 'Find by reference').items;
		check(created.length === 1, `expected 1 created document, got ${created.length}: ${describeExecution(ex, names)}`);
		const id = created[0].json.document_id;
		check(
			found.length >= 1 && found.every((i) => i.json.found === true),
			`find by reference did not find the document just created: ${describeExecution(ex, names)}`,
		);
		check(
			found.some((i) => String(i.json.document_id) === String(id)),
			`find by reference did not return document ${String(id)}: ${describeExecution(ex, names)}`,
		);
		check(
			found.every((i) => get(i, 'pairedItem', 'item') === 0),
			`find results not paired to input item 0: ${compactItems(found)}`,
		);
		check(d.authCalls === 0, `token not reused: ${d.authCalls} POST /auth (stats delta ${JSON.stringify(d)})`);
	});

	await sb.scenario('c. get MIPYME (certificate as base64 parameter) returns status 0', async () => {
		const ex = await execute(inst, 'wfKoyweE2E0003');
		expectSuccess(ex, ['Get MIPYME']);
		const items = nodeRun(ex.run, 'Get MIPYME').items;
		check(items.length === 1, `expected 1 item, got ${items.length}: ${describeExecution(ex, ['Get MIPYME'])}`);
		check(items[0].json.status === 0, `expected status 0: ${describeExecution(ex, ['Get MIPYME'])}`);
		const text = JSON.stringify(items[0].json);
		check(!text.includes(CERT_BASE64), 'the certificate appears in the output');
		check(!text.includes(CERT_PASSWORD), 'the certificate password appears in the output');
	});

	await sb.scenario('d. a burst of two 429s (Retry-After: 1) is honoured without duplicates', async () => {
		sb.sandbox.setFaults({ forced429: 2, forced429RetryAfter: 'seconds', forced429RetryAfterSeconds: 1 });
		const before = await sb.stats();
		const ex = await execute(inst, 'wfKoyweE2E0001');
		const d = delta(before, await sb.stats());
		expectSuccess(ex, ['Make documents', CREATE_NODE]);
		expectCreatedBatch(sb.sandbox, ex, d, BATCH);
		check(d.rateLimited === 2, `expected 2 rate-limited answers, got ${d.rateLimited} (stats delta ${JSON.stringify(d)})`);
		// The workflow's base wait is 0.2 s: a 1 s wait per 429 proves the node read Koywe's Retry-After header.
		const limited = nodeRun(ex.run, CREATE_NODE).items.filter((i) => Number(i.json.rate_limited) > 0);
		check(limited.length >= 1, 'no item reports rate_limited');
		for (const i of limited) {
			const expected = 1000 * Number(i.json.rate_limited);
			check(
				Number(i.json.waited_ms) === expected,
				`an item hit ${i.json.rate_limited} 429(s) with Retry-After: 1 but waited ${i.json.waited_ms} ms instead of ${expected} ms`,
			);
		}
	});

	await sb.scenario('e. 500 after commit on every 3rd create is reconciled without duplicates', async () => {
		sb.sandbox.setFaults({ ambiguousCreate: { every: 3, mode: '500' } });
		const before = await sb.stats();
		const ex = await execute(inst, 'wfKoyweE2E0001');
		const d = delta(before, await sb.stats());
		expectSuccess(ex, ['Make documents', CREATE_NODE]);
		const nr = expectCreatedBatch(sb.sandbox, ex, d, BATCH);
		check((d.serverErrors ?? 0) >= 1, `the fault did not fire (stats delta ${JSON.stringify(d)})`);
		const dedup = nr.items.filter((i) => i.json.deduplicated === true).length;
		check(
			dedup >= 1,
			`expected some items flagged deduplicated after ${d.serverErrors} ambiguous 500s, got none:\n      ${compactItems(nr.items, 8)}`,
		);
	});

	await sb.scenario('f. token persisted: a new n8n process makes no /auth call', async () => {
		const before = await sb.stats();
		const ex = await execute(inst, 'wfKoyweE2E0001');
		const d = delta(before, await sb.stats());
		expectSuccess(ex, ['Make documents', CREATE_NODE]);
		expectCreatedBatch(sb.sandbox, ex, d, BATCH);
		check(d.authCalls === 0, `expected no POST /auth, got ${d.authCalls} (stats delta ${JSON.stringify(d)})`);
	});

	await sb.scenario('h. no credential secret in anything n8n printed', async () => {
		const secrets: Array<[string, string]> = [
			['the client secret', DEMO_CREDENTIALS.clientSecret],
			['the API password', DEMO_CREDENTIALS.password],
		];
		const leaks: string[] = [];
		const logDir = String(inst.n8n.logDir);
		for (const file of fs.readdirSync(logDir)) {
			const text = fs.readFileSync(path.join(logDir, file), 'utf8');
			for (const [what, secret] of secrets) if (text.includes(secret)) leaks.push(`${file} contains ${what}`);
			const bearer = /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/.exec(text);
			if (bearer) leaks.push(`${file} contains a bearer token: ${bearer[0].slice(0, 14)}…`);
		}
		check(leaks.length === 0, `secrets in n8n output (logs in ${logDir}):\n      ${leaks.join('\n      ')}`);
	});
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koywe-e2e-'));
	// Snapshot of what would be published (package.json + dist + docs), taken once: other work in the same tree
	// (an `npm run build` starts by deleting dist/) must not pull the files away in the middle of a run.
	const stageDir = stagePackage(path.join(root, 'package'));
	const distDir = path.join(stageDir, 'dist');

	const sandbox = (await startSandbox({ port: 0, host: '127.0.0.1' })) as unknown as Sandbox;
	log(
		`${args.label} on Node ${args.node}; expression engine ${args.expressionEngine ?? 'default'}; sandbox at ${sandbox.baseUrl}; work dir ${root}`,
	);
	const suite = new Suite(sandbox, args.label);
	const started = Date.now();
	try {
		let setupError: unknown;
		try {
			const inst = await prepareInstance(args, sandbox, root, 'custom', CUSTOM_NODE_TYPE, distDir);
			await runScenarios(suite, inst, { full: true });
		} catch (e) {
			setupError = e;
		}
		if (setupError) {
			suite.results.push({ name: 'setup (import credentials/workflows)', ok: false, ms: 0, message: String(setupError) });
			log(`  FAIL setup: ${String(setupError)}`);
		}

		if (args.installedPackage) {
			const installed = new Suite(sandbox, `${args.label} (installed package)`);
			await installed.scenario('g. installed package (npm pack + npm install in ~/.n8n/nodes) runs scenario a', async () => {
				const userFolder = path.join(root, 'installed');
				await installPackedPackage(stageDir, userFolder, log);
				// n8n 2.41.1 scans <n8n folder>/nodes/node_modules/n8n-nodes-* at start-up (community-packages
				// module, scanDirectoryForPackages): no installed_packages row and no N8N_CUSTOM_EXTENSIONS needed.
				const inst = await prepareInstance(args, sandbox, root, 'installed', INSTALLED_NODE_TYPE, undefined);
				const sub = new Suite(sandbox, `${args.label} (installed package)`);
				await runScenarios(sub, inst, { full: false });
				const failed = sub.results.filter((r) => !r.ok);
				check(failed.length === 0, failed.map((r) => r.message).join('\n'));
			});
			suite.results.push(...installed.results);
		}
	} finally {
		await sandbox.stop();
	}

	const passed = suite.results.filter((r) => r.ok).length;
	const total = suite.results.length;
	const seconds = ((Date.now() - started) / 1000).toFixed(0);
	const line = `${args.label}: ${passed}/${total} scenarios passed (${seconds} s)`;
	log(line);
	for (const r of suite.results) log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}`);
	if (args.summary) {
		fs.appendFileSync(args.summary, `${line}\n${suite.results.filter((r) => !r.ok).map((r) => `  FAIL ${r.name}\n`).join('')}`);
	}
	if (!args.keep && passed === total) fs.rmSync(root, { recursive: true, force: true });
	else log(`kept ${root} (n8n logs in */logs)`);
	return passed === total && total > 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		process.stderr.write(`[e2e] fatal: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
		process.exit(1);
	},
);
