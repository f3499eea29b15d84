/**
 * Secrets never leave the credential: a representative slice of the fault matrix (wrong password, token revoked
 * mid-batch, 429 storm, unknown create outcomes, MIPYME with a certificate given as base64) and answers from a
 * Koywe that echoes what it received, each scanned for the client secret, the API password, every token the
 * sandbox issued, the PFX (base64 and decoded) and its password. The scan covers every output item (JSON and
 * binary), the error (message, description and all its properties except the workflow node), the whole run data
 * as n8n persists it, and the node's log lines.
 */
import { randomBytes } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runKoywe, type CredentialStore, type RunOptions, type RunResult } from '../harness/engine';
import { MIPYME_TRIGGERS, type KoyweSandbox, type SandboxOptions } from '../sandbox';
import { DEMO_CREDENTIALS, FAST_RETRY, createFromItems as create, invoiceItems, sandboxWithStore, storeFor } from './fixtures';
import {
	errorItems,
	expectOneOutputPerItem,
	expectStoredOncePerReference,
	findLeaks,
	isCreate,
	pathsContaining,
	startProxy,
	visibleAfterRun,
	watchStoreTokens,
	type FaultProxy,
	type ProxyHook,
	type Secret,
} from './matrix';

const CLIENT_SECRET = `cs-SECRET-${randomBytes(12).toString('hex')}`;
const PASSWORD = `pw-SECRET-${randomBytes(12).toString('hex')}`;
const WRONG_PASSWORD = `pw-WRONG-${randomBytes(12).toString('hex')}`;
const PFX_PASSWORD = `pfx-PASS-${randomBytes(12).toString('hex')}`;
const PFX_MARKER = `PFX-MARKER-${randomBytes(8).toString('hex')}`;
/** A "certificate": random bytes with a marker inside, so a decoded copy is recognisable too. */
const PFX_BASE64 = Buffer.concat([randomBytes(48), Buffer.from(PFX_MARKER), randomBytes(96)]).toString('base64');
/** The sandbox refuses a certificate whose decoded content starts with EXPIRED (MIPYME status 2). */
const EXPIRED_PFX_BASE64 = Buffer.concat([
	Buffer.from(MIPYME_TRIGGERS.expiredCertificatePrefix),
	Buffer.from(PFX_MARKER),
	randomBytes(120),
]).toString('base64');

const SANDBOX_CREDENTIALS = {
	clientId: DEMO_CREDENTIALS.clientId,
	clientSecret: CLIENT_SECRET,
	username: DEMO_CREDENTIALS.username,
	password: PASSWORD,
};

let sandbox: KoyweSandbox | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
	await proxy?.stop();
	proxy = undefined;
	await sandbox?.stop();
	sandbox = undefined;
});

interface Scenario {
	sandbox?: SandboxOptions;
	store?: IDataObject;
	hook?: ProxyHook;
	run: Omit<RunOptions, 'store'>;
}

interface Outcome {
	result: RunResult;
	sandbox: KoyweSandbox;
	proxy: FaultProxy;
	store: CredentialStore;
	/** Every access and refresh token the sandbox issued during the run. */
	tokens: string[];
}

/** Runs one workflow against the sandbox (with distinctive credentials) behind the recording proxy. */
async function runScenario(scenario: Scenario): Promise<Outcome> {
	const setup = await sandboxWithStore({ ...(scenario.sandbox ?? {}), credentials: SANDBOX_CREDENTIALS });
	sandbox = setup.sandbox;
	proxy = await startProxy(setup.sandbox);
	if (scenario.hook) proxy.hook = scenario.hook;
	const store = storeFor(setup.sandbox, {
		baseUrl: proxy.baseUrl,
		clientSecret: CLIENT_SECRET,
		password: PASSWORD,
		...(scenario.store ?? {}),
	});
	const stored = watchStoreTokens(store);
	const result = await runKoywe({ ...scenario.run, store });
	// The sandbox's own token table (private) holds tokens not yet revoked; the proxy saw every /auth answer.
	const live = [...((setup.sandbox as unknown as { tokens: Map<string, unknown> }).tokens?.keys() ?? [])];
	const tokens = [...new Set([...proxy.issuedTokens, ...stored, ...live])];
	for (const token of stored) expect(proxy.issuedTokens.has(token)).toBe(true);
	return { result, sandbox: setup.sandbox, proxy, store, tokens };
}

function secretsOf(outcome: Outcome, extra: Secret[] = []): Secret[] {
	return [
		{ name: 'client secret', value: CLIENT_SECRET },
		{ name: 'API password', value: PASSWORD },
		{ name: 'wrong API password', value: WRONG_PASSWORD },
		{ name: 'PFX base64', value: PFX_BASE64 },
		{ name: 'expired PFX base64', value: EXPIRED_PFX_BASE64 },
		{ name: 'PFX content', value: PFX_MARKER },
		{ name: 'PFX password', value: PFX_PASSWORD },
		...outcome.tokens.map((token, index) => ({ name: `token #${index + 1}`, value: token })),
		...extra,
	];
}

function expectNoLeak(outcome: Outcome, extra: Secret[] = []): void {
	expect(findLeaks(visibleAfterRun(outcome.result), secretsOf(outcome, extra))).toEqual([]);
}

const mipymeParameters = (overrides: IDataObject = {}): INodeParameters => ({
	operation: 'getMipyme',
	certificateSource: 'base64',
	certificateBase64: PFX_BASE64,
	certificatePassword: PFX_PASSWORD,
	taxIdCode: '76399932-7',
	documentTypeTaxbureau: '33',
	documentNumber: '123',
	options: { ...FAST_RETRY },
	...overrides,
});

test('the scan itself finds a secret where one is planted', () => {
	const places = { outputs: `{"x":"${PFX_BASE64.slice(0, 40)}…"}`, logs: `token ${PASSWORD}` };
	expect(findLeaks(places, [
		{ name: 'pfx', value: PFX_BASE64 },
		{ name: 'password', value: PASSWORD },
		{ name: 'client secret', value: CLIENT_SECRET },
	])).toEqual(['pfx in outputs', 'password in logs']);
});

describe('the fault matrix leaks no secret', () => {
	test('wrong API password: clear error, no secret anywhere', async () => {
		const outcome = await runScenario({
			store: { password: WRONG_PASSWORD },
			run: { parameters: create(), items: invoiceItems(2) },
		});
		expect(outcome.result.status).toBe('error');
		expect(outcome.result.error?.message).toMatch(/Koywe rejected the API credentials \(HTTP 401/);
		expect(outcome.tokens).toHaveLength(0);
		expect(outcome.sandbox.stats().authCalls).toBe(1);
		expectNoLeak(outcome);
	});

	test('wrong client secret with continueOnFail: error items, no secret anywhere', async () => {
		const wrongSecret = `cs-WRONG-${randomBytes(12).toString('hex')}`;
		const outcome = await runScenario({
			store: { clientSecret: wrongSecret },
			run: { parameters: create(), items: invoiceItems(3), settings: { continueOnFail: true } },
		});
		expect(outcome.result.status).toBe('success');
		expectOneOutputPerItem(outcome.result, 3);
		expect(errorItems(outcome.result)).toHaveLength(3);
		expectNoLeak(outcome, [{ name: 'wrong client secret', value: wrongSecret }]);
	});

	test('token revoked mid-batch: both tokens stay out of outputs, errors, run data and logs', async () => {
		const outcome = await runScenario({
			sandbox: { faults: { latencyMs: 20, revokeTokensAfterCreates: 5 } },
			run: { parameters: create({ concurrency: 5 }), items: invoiceItems(15) },
		});
		expect(outcome.result.status).toBe('success');
		expectOneOutputPerItem(outcome.result, 15);
		expect(outcome.sandbox.stats().authCalls).toBe(2);
		// Two access tokens (and their refresh tokens) were issued.
		expect(outcome.tokens.length).toBeGreaterThanOrEqual(2);
		expectNoLeak(outcome);
	});

	test('429 storm with continueOnFail: error items name no secret', async () => {
		const outcome = await runScenario({
			sandbox: { faults: { latencyMs: 5, forced429: 1000, forced429RetryAfter: 'none' } },
			run: {
				parameters: create({ concurrency: 5, maxRetries: 1 }),
				items: invoiceItems(6),
				settings: { continueOnFail: true },
			},
		});
		expectOneOutputPerItem(outcome.result, 6);
		expect(errorItems(outcome.result)).toHaveLength(6);
		expect(outcome.tokens.length).toBeGreaterThanOrEqual(1);
		expectNoLeak(outcome);
	});

	test('429 storm without continueOnFail: the failed run names no secret', async () => {
		const outcome = await runScenario({
			sandbox: { faults: { forced429: 1000, forced429RetryAfter: 'none' } },
			run: { parameters: create({ maxRetries: 1 }), items: invoiceItems(2) },
		});
		expect(outcome.result.status).toBe('error');
		expectNoLeak(outcome);
	});

	test('HTTP 500 after commit (reconciled) and without Reference (error items): no secret', async () => {
		const reconciled = await runScenario({
			sandbox: { faults: { latencyMs: 5, ambiguousCreate: { every: 2, mode: '500' } } },
			run: { parameters: create({ concurrency: 3 }), items: invoiceItems(6) },
		});
		expect(reconciled.result.status).toBe('success');
		expect(reconciled.result.items.filter((item) => item.json.found_by === 'reconciliation')).toHaveLength(3);
		expectStoredOncePerReference(reconciled.sandbox, 6);
		expectNoLeak(reconciled);
		await proxy?.stop();
		await sandbox?.stop();

		const unknown = await runScenario({
			sandbox: { faults: { latencyMs: 5, ambiguousCreate: { every: 2, mode: 'destroy' } } },
			run: {
				parameters: { ...create({ concurrency: 3 }), reference: '' },
				items: invoiceItems(6),
				settings: { continueOnFail: true },
			},
		});
		expect(errorItems(unknown.result)).toHaveLength(3);
		expectNoLeak(unknown);
	});
});

describe('MIPYME with the certificate given as base64', () => {
	test('a document retrieved: outputs and binaries carry no certificate or password', async () => {
		const outcome = await runScenario({ run: { parameters: mipymeParameters(), items: [{}] } });
		expect(outcome.result.status).toBe('success');
		expectOneOutputPerItem(outcome.result, 1);
		expect(outcome.result.items[0].json.status).toBe(0);
		expect(outcome.result.items[0].binary).toBeDefined();
		// The certificate did reach Koywe (so the scan is meaningful).
		const sent = outcome.proxy.requests.find((request) => request.path.endsWith('/mipyme_get_document'));
		expect(sent?.body).toContain(PFX_BASE64);
		expectNoLeak(outcome);
	});

	test('an expired certificate (MIPYME status 2) with continueOnFail: the error item names no secret', async () => {
		const outcome = await runScenario({
			run: {
				parameters: mipymeParameters({ certificateBase64: EXPIRED_PFX_BASE64 }),
				items: [{}, {}],
				settings: { continueOnFail: true },
			},
		});
		expectOneOutputPerItem(outcome.result, 2);
		for (const item of outcome.result.items) expect(item.json.error).toMatch(/certificate was refused \(MIPYME status 2\)/);
		expectNoLeak(outcome);
	});

	test('an expired certificate without continueOnFail: the failed run names no secret', async () => {
		const outcome = await runScenario({
			run: { parameters: mipymeParameters({ certificateBase64: EXPIRED_PFX_BASE64 }), items: [{}] },
		});
		expect(outcome.result.status).toBe('error');
		expect(outcome.result.error?.message).toMatch(/certificate was refused \(MIPYME status 2\)/);
		expectNoLeak(outcome);
	});

	test('when the run fails, the certificate is in the run data only inside the workflow node n8n copies there', async () => {
		// n8n serialises the failing node's definition (its parameters as typed in the workflow) into the error and
		// the execution stack. A certificate typed as a parameter therefore sits in the run data of a failed run,
		// exactly as it sits in the workflow itself; the node adds no copy of its own anywhere else.
		const outcome = await runScenario({
			run: { parameters: mipymeParameters({ certificateBase64: EXPIRED_PFX_BASE64 }), items: [{}] },
		});
		expect(outcome.result.status).toBe('error');
		const data = JSON.parse(JSON.stringify(outcome.result.run.data)) as unknown;
		for (const secret of [EXPIRED_PFX_BASE64, PFX_PASSWORD]) {
			const paths = pathsContaining(data, secret);
			expect(paths.length).toBeGreaterThan(0);
			for (const path of paths) expect(path).toMatch(/\.node\.parameters\.(certificateBase64|certificatePassword)$/);
		}
	});

	test('the wrong certificate password (MIPYME status 2): no secret', async () => {
		const outcome = await runScenario({
			run: {
				parameters: mipymeParameters({ certificatePassword: MIPYME_TRIGGERS.wrongCertificatePassword }),
				items: [{}],
				settings: { continueOnFail: true },
			},
		});
		expect(outcome.result.items[0].json.error).toMatch(/MIPYME status 2/);
		expectNoLeak(outcome);
	});

	test('MIPYME read failing with 5xx then rate-limited: retried, and no secret in the outcome', async () => {
		let calls = 0;
		const outcome = await runScenario({
			hook: (request) => {
				if (!request.path.endsWith('/mipyme_get_document')) return 'pass';
				calls++;
				if (calls === 1) return { status: 503, body: { error: 'unavailable' } };
				if (calls === 2) return { status: 429, body: { error: 'Too Many Requests' }, headers: { 'Retry-After': '0' } };
				return 'pass';
			},
			run: { parameters: mipymeParameters(), items: [{}] },
		});
		expect(outcome.result.status).toBe('success');
		expect(outcome.result.items[0].json.attempts).toBe(3);
		expectNoLeak(outcome);
	});
});

describe('a Koywe that echoes what it received', () => {
	/** Answers with the request itself (headers and body) inside Koywe's usual error fields. */
	const echo = (status: number, extra: IDataObject = {}): ProxyHook => (request) => ({
		status,
		body: {
			error: `rejected: ${request.headers.authorization ?? ''} ${request.body}`,
			error_message: `rejected: ${request.headers.authorization ?? ''} ${request.body}`,
			...extra,
		},
	});

	test('a login refused with the credentials echoed back: the credential scrubs them', async () => {
		const outcome = await runScenario({
			hook: (request) => (request.path.endsWith('/auth') ? echo(401)(request) : 'pass'),
			run: { parameters: create(), items: invoiceItems(1) },
		});
		expect(outcome.result.status).toBe('error');
		expect(outcome.result.error?.message).toMatch(/Koywe rejected the API credentials \(HTTP 401/);
		expectNoLeak(outcome);
	});

	test('MIPYME status 2 with the certificate and its password echoed back: the node scrubs them', async () => {
		const outcome = await runScenario({
			hook: (request) =>
				request.path.endsWith('/mipyme_get_document')
					? { status: 200, body: { status: 2, error_message: `bad certificate: ${request.body}`, message: request.body } }
					: 'pass',
			run: { parameters: mipymeParameters(), items: [{}], settings: { continueOnFail: true } },
		});
		expect(outcome.result.items[0].json.error).toMatch(/MIPYME status 2/);
		expectNoLeak(outcome);
	});

	test('a create rejected (HTTP 400) with the bearer token echoed back: the token is not shown', async () => {
		const outcome = await runScenario({
			hook: (request) => (isCreate(request) ? echo(400)(request) : 'pass'),
			run: { parameters: create(), items: invoiceItems(1), settings: { continueOnFail: true } },
		});
		expectOneOutputPerItem(outcome.result, 1);
		expect(outcome.result.items[0].json.error).toMatch(/HTTP 400/);
		expect(outcome.tokens.length).toBeGreaterThanOrEqual(1);
		expectNoLeak(outcome);
	});

	test('a read failing (HTTP 503) with the bearer token echoed back, until retries run out: the token is not shown', async () => {
		const outcome = await runScenario({
			hook: (request) => (request.method === 'GET' ? echo(503)(request) : 'pass'),
			run: {
				parameters: {
					operation: 'findByReference',
					referenceNumber: 'TXN-0001',
					options: { ...FAST_RETRY, maxRetries: 1 },
				},
				items: [{}],
				settings: { continueOnFail: true },
			},
		});
		expectOneOutputPerItem(outcome.result, 1);
		expect(outcome.result.items[0].json.error).toMatch(/503/);
		expectNoLeak(outcome);
	});
});
