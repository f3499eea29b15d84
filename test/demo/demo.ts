/**
 * `npm run demo` (scripts/demo.sh builds, then runs this file): the example workflows of examples/ run in n8n's
 * execution engine against the local Koywe sandbox, one step after the other, with a readable summary per step.
 * Exits non-zero when a step does not do what it should.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { clearMemory } from '../../nodes/Koywe/memory/issuedDocuments';
import { DEMO_ACCOUNTS, DEMO_CREDENTIALS, startSandbox, type KoyweSandbox, type SandboxStats } from '../sandbox';
import { findN8n, N8nCliEngine } from './n8nCli';
import { codeConsole } from './standins';
import {
	readWorkflow,
	runWorkflow,
	StoredCredential,
	type ParameterChanges,
	type WorkflowFile,
	type WorkflowRun,
} from './runner';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const OUTPUT = path.join(ROOT, 'demo-output');
const CERTIFICATE = path.join(EXAMPLES, 'files', 'demo-certificate.pfx');

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = paint('1');
const dim = paint('2');
const green = paint('32');
const red = paint('31');
const yellow = paint('33');

function out(line = ''): void {
	process.stdout.write(`${line}\n`);
}

function table(rows: string[][]): void {
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
	rows.forEach((row, index) => {
		const line = row.map((cell, column) => (cell ?? '').padEnd(widths[column])).join('  ').trimEnd();
		out(`    ${index === 0 ? dim(line) : line}`);
	});
}

function ms(value: unknown): string {
	const n = Number(value ?? 0);
	return n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${n} ms`;
}

function relative(file: string): string {
	return path.relative(ROOT, file);
}

type Counter = Exclude<keyof SandboxStats, 'maxInFlight'>;

function delta(before: SandboxStats, after: SandboxStats): Record<Counter, number> {
	const keys: Counter[] = [
		'requests',
		'authCalls',
		'createAttempts',
		'creates',
		'documentsStored',
		'duplicates',
		'rateLimited',
		'unauthorized',
		'serverErrors',
		'reads',
	];
	return Object.fromEntries(keys.map((key) => [key, after[key] - before[key]])) as Record<Counter, number>;
}

interface StepResult {
	title: string;
	failures: string[];
	durationMs: number;
}

class Step {
	readonly failures: string[] = [];

	constructor(readonly title: string) {}

	expect(condition: boolean, what: string): void {
		if (condition) out(`  ${green('✔')} ${what}`);
		else {
			out(`  ${red('✘')} ${what}`);
			this.failures.push(what);
		}
	}
}

/** Writes the binary files of the output items to demo-output/ (in n8n: a Read/Write Files or e-mail node). */
function writeFiles(items: INodeExecutionData[]): string[] {
	const written: string[] = [];
	for (const item of items) {
		for (const binary of Object.values(item.binary ?? {})) {
			if (!binary.data || binary.id) throw new Error('binary data is not held in memory; cannot write it');
			const file = path.join(OUTPUT, binary.fileName ?? 'file.bin');
			fs.writeFileSync(file, Buffer.from(binary.data, 'base64'));
			written.push(file);
		}
	}
	return written;
}

function listFiles(files: string[]): void {
	if (!files.length) return;
	const names = files.map((file) => path.basename(file));
	const lines: string[] = [];
	let line = '';
	for (const name of names) {
		if (line && line.length + name.length + 2 > 96) {
			lines.push(line);
			line = '';
		}
		line = line ? `${line}, ${name}` : name;
	}
	if (line) lines.push(line);
	out(`  Files written to ${relative(OUTPUT)}/ (${files.length}):`);
	for (const entry of lines) out(`    ${entry}`);
}

function saveOutput(name: string, run: WorkflowRun): void {
	const json = Object.fromEntries(
		Object.entries(run.outputs).map(([node, items]) => [
			node,
			items.map((item) => ({
				json: item.json,
				...(item.binary
					? {
							binary: Object.fromEntries(
								Object.entries(item.binary).map(([key, value]) => [key, { fileName: value.fileName, mimeType: value.mimeType, fileSize: value.fileSize }]),
							),
						}
					: {}),
				pairedItem: item.pairedItem,
			})),
		]),
	);
	fs.writeFileSync(path.join(OUTPUT, 'runs', `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
}

function createRows(items: INodeExecutionData[]): string[][] {
	const rows = [['item', 'reference', 'document_id', 'folio', 'deduplicated', 'found_by', 'attempts', 'waited', 'rate_limited']];
	items.forEach((item, index) => {
		const json = item.json;
		rows.push([
			String(index),
			String(json.reference ?? '-'),
			String(json.document_id ?? '-'),
			String(json.document_number ?? '-'),
			json.deduplicated ? yes('yes') : 'no',
			String(json.found_by ?? '-'),
			String(json.attempts ?? '-'),
			ms(json.waited_ms),
			String(json.rate_limited ?? 0),
		]);
	});
	return rows;
}

/** One line per create step: what was issued, what already existed, how long the items waited. */
function createResult(items: INodeExecutionData[], files = 0): void {
	const issued = items.filter((item) => item.json.deduplicated === false || item.json.found_by === 'reconciliation');
	const existing = items.filter((item) => item.json.deduplicated === true && item.json.found_by !== 'reconciliation');
	const errors = items.filter((item) => item.json.error !== undefined);
	const waited = items.reduce((total, item) => total + Number(item.json.waited_ms ?? 0), 0);
	out(
		`  Result: ${plural(issued.length, 'document')} issued, ${existing.length} returned as already issued (deduplicated), ` +
			`${plural(errors.length, 'error')}; waits ${ms(waited)} in total${files ? `; ${plural(files, 'file')} written` : ''}`,
	);
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function yes(text: string): string {
	return yellow(text);
}

function koyweSaw(change: Record<Counter, number>, stats: SandboxStats): void {
	out(
		`  Koywe sandbox saw: ${change.requests} requests (${change.createAttempts} create attempts, ${change.reads} reads, ${change.authCalls} /auth), ` +
			`${change.rateLimited} × 429, ${change.serverErrors} × 5xx; documents stored ${stats.documentsStored} (${change.documentsStored >= 0 ? '+' : ''}${change.documentsStored}), duplicates ${stats.duplicates}`,
	);
}

function nodeLogs(run: WorkflowRun, limit = 12): void {
	if (!run.logs.length) return;
	out(`  What the node logged (n8n's log, info level):`);
	for (const line of run.logs.slice(0, limit)) out(`    ${dim(line)}`);
	if (run.logs.length > limit) out(`    ${dim(`… and ${run.logs.length - limit} more`)}`);
}

/** Where the workflows run: n8n-core's engine in this process, or a real n8n through its CLI (`--n8n`). */
interface Engine {
	kind: 'engine' | 'n8n';
	run(file: WorkflowFile, changes: ParameterChanges): Promise<WorkflowRun>;
	/** Removes what the engine left on disk, or says where it is when kept. */
	dispose?(keep: boolean): void;
}

function n8nArgument(): '1' | '2' | undefined {
	const argument = process.argv.slice(2).find((arg) => arg === '--n8n' || arg.startsWith('--n8n='));
	if (!argument) return undefined;
	const major = argument.includes('=') ? argument.split('=')[1] : '2';
	if (major !== '1' && major !== '2') throw new Error(`--n8n takes 1 or 2 (got "${major}")`);
	return major;
}

async function main(): Promise<number> {
	const started = Date.now();
	const n8nMajor = n8nArgument();
	const install = n8nMajor ? findN8n(n8nMajor) : undefined;
	if (n8nMajor && !install) {
		out(red(`Real n8n ${n8nMajor}.x is not installed here. \`npm run test:e2e\` installs it once into ~/.cache/n8n-nodes-koywe-e2e;`));
		out(red('or run `npm run demo` without --n8n to use n8n-core\'s engine.'));
		return 1;
	}
	fs.rmSync(OUTPUT, { recursive: true, force: true });
	fs.mkdirSync(path.join(OUTPUT, 'runs'), { recursive: true });

	const sandbox: KoyweSandbox = await startSandbox({ port: 0 });
	const credential = new StoredCredential({
		baseUrl: sandbox.baseUrl,
		clientId: DEMO_CREDENTIALS.clientId,
		clientSecret: DEMO_CREDENTIALS.clientSecret,
		username: DEMO_CREDENTIALS.username,
		password: DEMO_CREDENTIALS.password,
	});
	const coreVersion = (require('n8n-core/package.json') as { version: string }).version;

	out(bold('Koywe Billing for n8n: demo'));
	let engine: Engine;
	let certificateForRun = CERTIFICATE;
	if (install) {
		const cli = await N8nCliEngine.prepare(install, path.join(ROOT, 'dist'), {
			baseUrl: sandbox.baseUrl,
			clientId: DEMO_CREDENTIALS.clientId,
			clientSecret: DEMO_CREDENTIALS.clientSecret,
			username: DEMO_CREDENTIALS.username,
			password: DEMO_CREDENTIALS.password,
		});
		certificateForRun = path.join(cli.filesFolder, 'company-certificate.pfx');
		fs.copyFileSync(CERTIFICATE, certificateForRun);
		engine = { kind: 'n8n', run: async (file, changes) => await cli.run(file, changes), dispose: (keep) => cli.dispose(keep) };
		out(`  Engine:    real ${install.label} (headless, through its CLI: import:workflow, then execute --id). Every run`);
		out(`             is a new n8n process sharing one database, as after a restart. The node is loaded from dist/`);
		out(`             through N8N_CUSTOM_EXTENSIONS, so the Koywe nodes are imported with type CUSTOM.koywe.`);
	} else {
		engine = { kind: 'engine', run: async (file, changes) => await runWorkflow(file, credential, changes) };
		out(`  Engine:    n8n-core ${coreVersion} WorkflowExecute, the engine n8n runs every workflow with, loading the`);
		out(`             workflow files of examples/ as they are (nodes, parameters, expressions, connections).`);
		out(`  Stand-ins: n8n-nodes-base is not installed here, so Manual Trigger, Code, Read/Write Files and Sticky Note`);
		out(`             are small stand-ins written for this demo (test/demo/standins.ts). Real n8n runs the same files:`);
		out(`             \`npm run demo -- --n8n\` runs them in real n8n, \`npm run test:e2e\` tests the node in n8n 2.x and 1.x.`);
	}
	const inProcess = engine.kind === 'engine';
	out(`  Koywe API: local sandbox ${sandbox.baseUrl} (simulated Koywe, nothing leaves this machine),`);
	out(`             credential "Koywe account" with the sandbox's demo API user, Chilean account ${DEMO_ACCOUNTS.CL}.`);

	const results: StepResult[] = [];
	/** Every output, error and log line of every run, to check that no secret ever shows up in them. */
	const everything: string[] = [];
	let stats = sandbox.stats();

	async function step(
		number: string,
		title: string,
		file: string,
		changes: ParameterChanges,
		check: (run: WorkflowRun, step: Step, change: Record<Counter, number>) => void | Promise<void>,
	): Promise<WorkflowRun> {
		out();
		out(bold(`Step ${number}: ${title}`));
		out(dim(`  examples/${file}`));
		const step = new Step(`${number} ${title}`);
		const before = sandbox.stats();
		codeConsole.length = 0;
		let run: WorkflowRun;
		try {
			run = await engine.run(readWorkflow(path.join(EXAMPLES, file)), changes);
		} catch (error) {
			step.expect(false, `the workflow runs (${(error as Error).message})`);
			results.push({ title: step.title, failures: step.failures, durationMs: 0 });
			throw error;
		}
		stats = sandbox.stats();
		const change = delta(before, stats);
		everything.push(JSON.stringify(run.outputs), JSON.stringify(run.error ?? null), ...run.logs);
		saveOutput(`step-${number}`, run);
		if (run.status !== 'success') {
			const error = run.error;
			out(`  ${red(`Workflow ${run.status}`)} in node "${run.failedNode ?? '?'}": ${error?.message ?? 'unknown error'}`);
			if (error?.description) out(`    ${String(error.description)}`);
		}
		await check(run, step, change);
		koyweSaw(change, stats);
		out(dim(`  ran in ${ms(run.durationMs)}`));
		results.push({ title: step.title, failures: step.failures, durationMs: run.durationMs });
		return run;
	}

	// ------------------------------------------------------------------------------------------------ step 1
	let invoices: INodeExecutionData[] = [];
	await step('1', 'CRM deals to invoices', 'crm-deals-to-invoices.json', {}, (run, s, change) => {
		const deals = run.outputs['CRM deals'] ?? [];
		invoices = run.outputs['Issue invoices'] ?? [];
		out(`  ${deals.length} won deals from the "CRM" → ${invoices.length} items out of Koywe Billing (Create, JSON body, Check Before Create and Download Files on)`);
		if (invoices.length) table(createRows(invoices));
		const files = writeFiles(invoices);
		createResult(invoices, files.length);
		listFiles(files);
		const sample = invoices[0];
		if (sample) {
			const keys = ['document_id', 'document_number', 'document_type_taxbureau', 'total_amount', 'deduplicated', 'reference', 'attempts', 'waited_ms', 'rate_limited', 'warnings'];
			const shown = Object.fromEntries(keys.filter((key) => key in sample.json).map((key) => [key, sample.json[key]]));
			out(`  Output item 0 (some of its JSON fields; the full output is in ${relative(OUTPUT)}/runs/step-1.json):`);
			out(`    ${JSON.stringify(shown)}`);
			out(`    binary: ${Object.entries(sample.binary ?? {}).map(([key, value]) => `${key} = ${value.fileName}`).join(', ') || 'none'}`);
		}
		s.expect(run.status === 'success', 'the workflow succeeds');
		s.expect(invoices.length === 6 && invoices.every((item) => item.json.deduplicated === false), '6 deals → 6 new invoices, none deduplicated');
		s.expect(change.documentsStored === 6 && change.creates === 6, 'Koywe stored exactly 6 documents');
		s.expect(
			invoices.every((item, index) => item.json.reference === deals[index]?.json.dealId),
			'output order = input order: item n carries deal n',
		);
		s.expect(files.length === 12, '12 files written (a PDF and an XML per invoice)');
		s.expect(change.authCalls === 1, 'one POST /auth for the whole batch');
		s.expect(change.reads === 6, 'Check Before Create: one look-up per reference before creating (nothing found, so created)');
	});

	// ------------------------------------------------------------------------------------------------ step 2
	await step('2a', 'the same workflow, run again', 'crm-deals-to-invoices.json', {}, (run, s, change) => {
		const again = run.outputs['Issue invoices'] ?? [];
		if (again.length) table(createRows(again));
		createResult(again, writeFiles(again).length);
		const expected = inProcess ? 'memory' : 'checkBeforeCreate';
		if (inProcess) {
			out(`  Why: every deal carries its deal ID as Reference. This n8n process remembers which document it issued for`);
			out(`  each reference (account + reference), so the second run reads those documents back instead of issuing`);
			out(`  new ones: found_by "memory". This is also what protects n8n's own "Retry On Fail" and re-executed nodes.`);
		} else {
			out(`  Why: every deal carries its deal ID as Reference. This run is a new n8n process with no memory of step 1,`);
			out(`  and Options → Check Before Create is on in this example: the node asked Koywe for each reference`);
			out(`  (reference 802) before creating and found every invoice: found_by "checkBeforeCreate". Inside one running`);
			out(`  n8n the node's memory answers first (found_by "memory", see \`npm run demo\` without --n8n).`);
		}
		s.expect(run.status === 'success', 'the workflow succeeds');
		s.expect(again.length === 6 && again.every((item) => item.json.deduplicated === true && item.json.found_by === expected), `all 6 items deduplicated (found_by ${expected})`);
		s.expect(again.every((item, index) => item.json.document_id === invoices[index]?.json.document_id), 'each item returns the document issued in step 1');
		s.expect(change.createAttempts === 0 && change.documentsStored === 0, '0 new documents, not a single create sent');
	});

	clearMemory();
	if (inProcess) await step(
		'2b',
		'the same workflow after an n8n restart',
		'crm-deals-to-invoices.json',
		{},
		(run, s, change) => {
			const again = run.outputs['Issue invoices'] ?? [];
			if (again.length) table(createRows(again));
			createResult(again, writeFiles(again).length);
			out(`  Why: the in-process memory was cleared, as after a restart or a crash, or when the run lands on another`);
			out(`  queue-mode worker. Options → Check Before Create is on in this example, so the node asked Koywe for each`);
			out(`  reference (reference 802) before creating and found every invoice: found_by "checkBeforeCreate".`);
			out(`  Without that option a new process has no memory of step 1 and would issue all 6 invoices again.`);
			s.expect(run.status === 'success', 'the workflow succeeds');
			s.expect(again.length === 6 && again.every((item) => item.json.deduplicated === true && item.json.found_by === 'checkBeforeCreate'), 'all 6 items deduplicated (found_by checkBeforeCreate)');
			s.expect(again.every((item, index) => item.json.document_id === invoices[index]?.json.document_id), 'each item returns the document issued in step 1');
			s.expect(change.createAttempts === 0 && change.documentsStored === 0, '0 new documents, not a single create sent');
		},
	);

	// ------------------------------------------------------------------------------------------------ step 3
	out();
	out(dim('  (Before step 3 the sandbox is told to misbehave: the next 3 requests answer HTTP 429 with Retry-After: 1,'));
	out(dim('   and every 3rd create is stored but answered with HTTP 500, so the node cannot know it worked.'));
	out(dim(inProcess ? '   The in-process memory is cleared too, so every item goes to Koywe.)' : '   Each n8n run is a new process, so every item goes to Koywe.)'));
	clearMemory();
	sandbox.setFaults({ forced429: 3, forced429RetryAfter: 'seconds', forced429RetryAfterSeconds: 1, ambiguousCreate: { every: 3, mode: '500' } });
	await step('3', 'monthly subscriptions under a 429 burst and 500-after-commit', 'monthly-subscriptions-to-invoices.json', {}, (run, s, change) => {
		const rows = run.outputs['Active subscriptions'] ?? [];
		const items = run.outputs['Issue monthly invoices'] ?? [];
		out(`  ${rows.length} subscription rows (SUB-0204 listed twice) → ${items.length} items out (Create, guided fields, totals computed)`);
		if (items.length) table(createRows(items));
		createResult(items);
		nodeLogs(run);
		const references = new Set(items.map((item) => String(item.json.reference)));
		const ids = new Set(items.map((item) => String(item.json.document_id)));
		const waited = items.filter((item) => Number(item.json.waited_ms) > 0).length;
		const reconciled = items.filter((item) => item.json.found_by === 'reconciliation').length;
		out(`  Why no duplicates: a 429 means Koywe did not process the request, so the node waits as Koywe asks`);
		out(`  (Retry-After) and sends it again. A 500 after a create means "maybe": the node never resends blindly; it`);
		out(`  looks the reference up in Koywe, finds the document that was stored, and returns it: found_by "reconciliation".`);
		out(`  The second SUB-0204 row waited for the first and got the same document: found_by "memory".`);
		out(`  The example keeps the production retry defaults (first wait 30 s without Retry-After, doubling, at most`);
		out(`  120 s per wait); here Koywe's Retry-After (1 s) decided the waits.`);
		s.expect(run.status === 'success', 'the workflow succeeds');
		s.expect(items.length === 7 && references.size === 6 && ids.size === 6, '7 rows → 7 items, 6 references → 6 distinct documents');
		s.expect(change.documentsStored === 6, 'Koywe stored exactly 6 documents');
		s.expect(change.rateLimited === 3 && waited >= 1, `the 3 answers HTTP 429 were waited out (${waited} items waited)`);
		s.expect(change.serverErrors >= 1 && reconciled === change.serverErrors, `${change.serverErrors} creates answered 500 after storing; ${reconciled} reconciled by reference`);
		s.expect(stats.duplicates === 0, 'duplicates in Koywe: 0');
	});
	sandbox.setFaults({ forced429: 0, ambiguousCreate: null });

	// ------------------------------------------------------------------------------------------------ step 4
	let creditNote: IDataObject | undefined;
	await step('4', 'credit note for one of the invoices', 'credit-note-for-invoice.json', {}, (run, s, change) => {
		const found = run.outputs['Find the invoice'] ?? [];
		const notes = run.outputs['Issue credit note'] ?? [];
		const invoice = invoices.find((item) => item.json.reference === 'DEAL-1003')?.json;
		if (found[0]) {
			const f = found[0].json;
			out(`  Find the invoice: reference DEAL-1003 → document_id ${String(f.document_id)}, folio ${String(f.document_number)}, ${String(f.receiver_legal_name)}, net ${String(f.net_amount)}`);
		}
		if (notes.length) table(createRows(notes));
		createResult(notes);
		creditNote = notes[0]?.json;
		const stored = sandbox.documents().find((document) => document.document_id === Number(creditNote?.document_id));
		const pointsTo = (stored?.references ?? []).find((reference) => reference.reference_document_id !== undefined);
		if (stored) {
			out(`  Credit note: type ${stored.document_type_id} (SII ${stored.document_type_taxbureau}), folio ${String(stored.document_number)}, total ${String(stored.totals.total_amount)}; references:`);
			for (const reference of stored.references ?? []) out(`    ${JSON.stringify(reference)}`);
		}
		const files = writeFiles(notes);
		listFiles(files);
		s.expect(run.status === 'success', 'the workflow succeeds');
		const expectedReference = `CN-${String(invoice?.document_id)}`;
		s.expect(
			notes.length === 1 && notes[0].json.deduplicated === false && notes[0].json.reference === expectedReference,
			`one new credit note with reference ${expectedReference} (CN- + the invoice's document_id)`,
		);
		s.expect(stored?.document_type_id === 16, 'it is a Chilean credit note (type 16, SII 61)');
		s.expect(pointsTo !== undefined && Number(pointsTo.reference_document_id) === Number(invoice?.document_id) && String(pointsTo.reference_code) === '1', 'it cancels (reference code 1) the invoice of DEAL-1003 by its document_id');
		s.expect(Number(stored?.totals.total_amount) === Number(invoice?.total_amount), `its total equals the invoice total (${String(invoice?.total_amount)})`);
		s.expect(change.documentsStored === 1 && files.length === 2, '1 document stored, its PDF and XML written');
	});

	// ------------------------------------------------------------------------------------------------ step 5
	await step('5', 'find documents by reference', 'find-by-reference.json', {}, (run, s, change) => {
		const asked = run.outputs['References to look up'] ?? [];
		const found = run.outputs['Find by reference'] ?? [];
		const rows = [['item', 'asked for', 'found', 'document_id', 'folio', 'type', 'total_amount']];
		found.forEach((item, index) => {
			const paired = item.pairedItem as { item: number } | undefined;
			rows.push([
				String(index),
				String(asked[paired?.item ?? -1]?.json.reference ?? '?'),
				item.json.found ? 'yes' : yes('no'),
				String(item.json.document_id ?? '-'),
				String(item.json.document_number ?? '-'),
				String(item.json.document_type_taxbureau ?? '-'),
				String(item.json.total_amount ?? '-'),
			]);
		});
		table(rows);
		const byReference = (reference: string) =>
			found.filter((item) => asked[(item.pairedItem as { item: number }).item]?.json.reference === reference);
		const deal = byReference('DEAL-1001');
		const note = byReference('CN-1003');
		const missing = byReference('DEAL-9999');
		s.expect(run.status === 'success', 'the workflow succeeds');
		s.expect(deal.length === 1 && deal[0].json.document_id === invoices[0]?.json.document_id, 'DEAL-1001 → the invoice issued in step 1 (exactly one, despite the re-runs)');
		s.expect(note.length === 1 && note[0].json.document_id === creditNote?.document_id, 'CN-1003 → the credit note of step 4 (it cancels invoice 1003, the one of DEAL-1003)');
		s.expect(missing.length === 1 && missing[0].json.found === false, 'DEAL-9999 → one item {found: false} (Output When Not Found)');
		s.expect(change.createAttempts === 0, 'read-only: nothing created');
	});

	// ------------------------------------------------------------------------------------------------ step 6
	await step(
		'6',
		'get a MIPYME document (Chile)',
		'mipyme-document.json',
		{ 'Read certificate': { fileSelector: certificateForRun } },
		(run, s) => {
			out(`  Read certificate: the workflow's path was pointed at ${inProcess ? relative(CERTIFICATE) : `a copy of ${relative(CERTIFICATE)}`} (a self-signed demo certificate`);
			out(`  without private key; the sandbox does not open it). In n8n you point it at your company's .pfx.`);
			const items = run.outputs['Get MIPYME document'] ?? [];
			const json = items[0]?.json ?? {};
			out(`  Koywe answered status ${String(json.status)}${json.message ? ` (${String(json.message)})` : ''}: SII ${String(json.document_type_taxbureau)} folio ${String(json.document_number)}, issuer ${String(json.tax_id_code)}, total ${String(json.total_amount)}`);
			const files = writeFiles(items);
			listFiles(files);
			const text = JSON.stringify({ items, logs: run.logs });
			s.expect(run.status === 'success', 'the workflow succeeds');
			s.expect(json.status === 0 && files.length === 2, 'status 0, PDF and XML written');
			s.expect(
				!text.includes('demo-password') && !text.includes(fs.readFileSync(CERTIFICATE).toString('base64')),
				"neither the certificate nor its password appear in the Koywe node's output or log",
			);
		},
	);

	// ------------------------------------------------------------------------------------------------ summary
	const final = sandbox.stats();
	await sandbox.stop();
	const documents = final.documentsStored;
	out();
	out(bold('Summary'));
	table([
		['step', 'result', 'time'],
		...results.map((result) => [
			result.title,
			result.failures.length ? red(`FAILED (${result.failures.length})`) : green('ok'),
			ms(result.durationMs),
		]),
	]);
	out(`  Koywe sandbox, whole demo: ${final.requests} requests, ${final.authCalls} POST /auth, ${final.createAttempts} create attempts,`);
	out(`  ${final.rateLimited} × 429, ${final.serverErrors} × 5xx, documents stored ${documents}, duplicates ${final.duplicates}.`);
	out(`  Files and full outputs: ${relative(OUTPUT)}/ (run outputs in ${relative(OUTPUT)}/runs/)`);
	const overall = new Step('overall');
	overall.expect(
		final.authCalls === 1 && (!inProcess || credential.preAuthenticationCalls === 1),
		'one POST /auth for the whole demo (the token is stored with the credential and reused)',
	);
	overall.expect(final.duplicates === 0, 'no reference was ever issued twice');
	const secrets = [DEMO_CREDENTIALS.clientSecret, DEMO_CREDENTIALS.password, String(credential.data.accessToken ?? '')].filter(
		(secret) => secret.length > 4,
	);
	overall.expect(
		secrets.every((secret) => !everything.some((text) => text.includes(secret))),
		'no client secret, API password or access token in any output, error or log line',
	);
	overall.expect(documents === 13, '13 documents in Koywe: 6 invoices, 6 subscription invoices, 1 credit note');
	out(dim(`  demo runtime ${ms(Date.now() - started)}`));
	const failed = results.some((result) => result.failures.length) || overall.failures.length > 0;
	engine.dispose?.(failed);
	out(failed ? red(bold('Demo FAILED')) : green(bold('Demo passed')));
	return failed ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`demo: ${(error as Error)?.stack ?? String(error)}\n`);
		process.exit(1);
	},
);
