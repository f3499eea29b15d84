/**
 * "Never twice, never lost": the Koywe node inside n8n's engine against the sandbox with faults injected.
 *
 * Measured with n8n's HTTP Request node (20 documents per run): three 429s at the start gave 17 duplicates, a
 * 500-after-commit in seven gave 40 duplicates, a token expiring mid-batch lost 10 documents. Every scenario here
 * asserts that Koywe ends with one document per reference requested, the sandbox counts no duplicate, every input
 * item has exactly one output item (paired with its index, in input order), and /auth is called as expected.
 */
import type { IDataObject } from 'n8n-workflow';

import { clearMemory } from '../../nodes/Koywe/memory/issuedDocuments';
import { runKoywe, type CredentialStore } from '../harness/engine';
import type { KoyweSandbox, SandboxOptions } from '../sandbox';
import { FAST_RETRY, chileInvoice, createFromItems as create, invoiceItems, sandboxWithStore, storeFor } from './fixtures';
import {
	errorItems,
	expectDistinctDocuments,
	expectOneOutputPerItem,
	expectStoredOncePerReference,
	foundBy,
	isCreate,
	startProxy,
	storedNetAmounts,
	successItems,
	type FaultProxy,
} from './matrix';

let sandbox: KoyweSandbox | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
	await proxy?.stop();
	proxy = undefined;
	await sandbox?.stop();
	sandbox = undefined;
});

async function start(options: SandboxOptions = {}): Promise<{ sandbox: KoyweSandbox; store: CredentialStore }> {
	const setup = await sandboxWithStore(options);
	sandbox = setup.sandbox;
	return setup;
}

/** A sandbox behind the fault proxy; the credential points at the proxy. */
async function startBehindProxy(options: SandboxOptions = {}) {
	const setup = await start(options);
	proxy = await startProxy(setup.sandbox);
	return { sandbox: setup.sandbox, proxy, store: storeFor(setup.sandbox, { baseUrl: proxy.baseUrl }) };
}

const sum = (values: unknown[]) => values.reduce<number>((total, value) => total + Number(value ?? 0), 0);

describe('clean and rate-limited batches', () => {
	test('clean batch of 50 at concurrency 5: 50 stored, one login, real parallelism within the limit', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 15 } });
		const result = await runKoywe({
			parameters: create({ concurrency: 5, maxRequestsPerSecond: 0 }),
			items: invoiceItems(50),
			store,
		});
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 50);
		const stats = expectStoredOncePerReference(sandbox, 50);
		expect(stats.createAttempts).toBe(50);
		expect(stats.authCalls).toBe(1);
		expect(stats.maxInFlight).toBeGreaterThan(1);
		expect(stats.maxInFlight).toBeLessThanOrEqual(5);
		expect(result.items.every((item) => item.json.deduplicated === false)).toBe(true);
		expect(result.items.map((item) => item.json.reference)).toEqual(invoiceItems(50).map((item) => item.reference));
		expectDistinctDocuments(sandbox, result.items);
	});

	for (const retryAfter of ['seconds', 'http-date', 'none'] as const) {
		test(`sandbox limited to 5/s (Retry-After: ${retryAfter}), no client pacing: all stored, 429s waited out, no duplicate`, async () => {
			const { sandbox, store } = await start({ faults: { latencyMs: 5, rateLimit: { perSecond: 5, retryAfter } } });
			const result = await runKoywe({
				parameters: create({ concurrency: 5, maxRequestsPerSecond: 0, maxRetries: 10, retryBaseSeconds: 0.05 }),
				items: invoiceItems(15),
				store,
			});
			expect(result.status).toBe('success');
			expectOneOutputPerItem(result, 15);
			const stats = expectStoredOncePerReference(sandbox, 15);
			expect(stats.rateLimited).toBeGreaterThan(0);
			expect(stats.creates).toBe(15);
			// Every 429 was a create Koywe refused before processing it; each item counts its own.
			expect(sum(result.items.map((item) => item.json.rate_limited))).toBe(stats.rateLimited);
			expect(stats.createAttempts).toBe(15 + stats.rateLimited);
			expect(stats.authCalls).toBe(1);
			expect(result.items.every((item) => item.json.deduplicated === false)).toBe(true);
			if (retryAfter === 'none') {
				expect(result.logs.join('\n')).not.toMatch(/as Koywe asked/);
			} else {
				expect(result.logs.join('\n')).toMatch(/rate-limited \(HTTP 429\)/);
			}
		});
	}

	test('client-side pacing at 5/s against a sandbox limited to 5/s: zero 429s', async () => {
		const { sandbox, store } = await start({ faults: { rateLimit: { perSecond: 5, burst: 2, retryAfter: 'seconds' } } });
		const result = await runKoywe({
			parameters: create({ concurrency: 5, maxRequestsPerSecond: 5, maxRetries: 0 }),
			items: invoiceItems(10),
			store,
		});
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 10);
		const stats = expectStoredOncePerReference(sandbox, 10);
		expect(stats.rateLimited).toBe(0);
		expect(stats.createAttempts).toBe(10);
		expect(stats.authCalls).toBe(1);
		// 10 starts 200 ms apart.
		expect(result.durationMs).toBeGreaterThanOrEqual(1700);
	});
});

describe('429 storm longer than the retry budget', () => {
	test('continueOnFail off: the run fails with a clear message, stops starting items, duplicates nothing', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 5, forced429: 1000, forced429RetryAfter: 'none' } });
		const result = await runKoywe({
			parameters: create({ concurrency: 5, maxRetries: 1, retryBaseSeconds: 0.05 }),
			items: invoiceItems(12),
			store,
		});
		expect(result.status).toBe('error');
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toMatch(/rate-limited \(HTTP 429\): gave up after 2 attempts and \d+ ms of waiting/);
		expect(String(result.error?.description)).toMatch(/Max Requests per Second|Max Retries/);
		expect(String(result.error?.httpCode)).toBe('429');
		const stats = expectStoredOncePerReference(sandbox, 0);
		expect(stats.documentsStored).toBeLessThanOrEqual(12);
		// Items already in flight finish; no new item starts after the first failure.
		expect(stats.createAttempts).toBeLessThanOrEqual(5 * 2);
		expect(stats.authCalls).toBe(1);
	});

	test('continueOnFail on, storm outlasts everything: one error item per input item, httpCode 429, nothing stored', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 5, forced429: 1000, forced429RetryAfter: 'none' } });
		const result = await runKoywe({
			parameters: create({ concurrency: 5, maxRetries: 1, retryBaseSeconds: 0.05 }),
			items: invoiceItems(12),
			store,
			settings: { continueOnFail: true },
		});
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 12);
		expect(errorItems(result)).toHaveLength(12);
		for (const item of result.items) {
			expect(item.json.error).toMatch(/429.*gave up after 2 attempts/);
			expect(String(item.json.httpCode)).toBe('429');
			expect(item.json.attempts).toBe(2);
		}
		const stats = expectStoredOncePerReference(sandbox, 0);
		expect(stats.createAttempts).toBe(24);
		expect(stats.authCalls).toBe(1);
	});

	test('continueOnFail on, storm hits only some items: failed ones are error items, the rest stored once', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 5, forced429: 7, forced429RetryAfter: 'none' } });
		const result = await runKoywe({
			parameters: create({ concurrency: 5, maxRetries: 1, retryBaseSeconds: 0.05 }),
			items: invoiceItems(12),
			store,
			settings: { continueOnFail: true },
		});
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 12);
		const failed = errorItems(result);
		expect(failed.length).toBeGreaterThanOrEqual(1);
		for (const item of failed) {
			expect(String(item.json.httpCode)).toBe('429');
			expect(item.json.error).toMatch(/gave up after 2 attempts/);
		}
		const stats = expectStoredOncePerReference(sandbox, 12 - failed.length);
		expect(stats.rateLimited).toBe(7);
		expectDistinctDocuments(sandbox, successItems(result));
		// The documents stored are exactly those of the successful items.
		const stored = new Set(sandbox.documents().map((doc) => doc.document_id));
		expect(successItems(result).every((item) => stored.has(item.json.document_id as number))).toBe(true);
	});
});

describe('unknown outcome of a create (the request reached Koywe, no usable answer)', () => {
	for (const every of [3, 7]) {
		test(`HTTP 500 after commit on one create in ${every}: all items succeed, reconciled by reference, no duplicate`, async () => {
			const { sandbox, store } = await start({ faults: { latencyMs: 10, ambiguousCreate: { every, mode: '500' } } });
			const result = await runKoywe({ parameters: create({ concurrency: 5 }), items: invoiceItems(20), store });
			expect(result.status).toBe('success');
			expectOneOutputPerItem(result, 20);
			const stats = expectStoredOncePerReference(sandbox, 20);
			expect(stats.createAttempts).toBe(20);
			expect(stats.serverErrors).toBe(Math.floor(20 / every));
			const reconciled = foundBy(result, 'reconciliation');
			expect(reconciled).toHaveLength(Math.floor(20 / every));
			expect(reconciled.every((item) => item.json.deduplicated === true)).toBe(true);
			expect(result.items.filter((item) => item.json.deduplicated === true)).toHaveLength(Math.floor(20 / every));
			expectDistinctDocuments(sandbox, result.items);
			expect(stats.authCalls).toBe(1);
		});
	}

	test('connection destroyed after commit: reconciled, no duplicate', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 10, ambiguousCreate: { every: 4, mode: 'destroy' } } });
		const result = await runKoywe({ parameters: create({ concurrency: 5 }), items: invoiceItems(20), store });
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 20);
		const stats = expectStoredOncePerReference(sandbox, 20);
		expect(stats.createAttempts).toBe(20);
		expect(foundBy(result, 'reconciliation')).toHaveLength(5);
		expectDistinctDocuments(sandbox, result.items);
		expect(stats.authCalls).toBe(1);
	});

	test('answer slower than the request timeout: reconciled, no duplicate', async () => {
		const { sandbox, store } = await start({
			faults: { latencyMs: 10, ambiguousCreate: { every: 5, mode: 'delay', delayMs: 1500 } },
		});
		const result = await runKoywe({
			parameters: create({ concurrency: 5, requestTimeoutSeconds: 0.3 }),
			items: invoiceItems(10),
			store,
		});
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 10);
		const stats = expectStoredOncePerReference(sandbox, 10);
		expect(stats.createAttempts).toBe(10);
		expect(foundBy(result, 'reconciliation')).toHaveLength(2);
		expectDistinctDocuments(sandbox, result.items);
		// The node did not wait for the 1.5 s answers.
		expect(result.durationMs).toBeLessThan(1500 + 1000);
	});

	test('lookups that fail with 5xx during reconciliation are retried: still one document per reference', async () => {
		const { sandbox, store } = await start({
			faults: { latencyMs: 5, ambiguousCreate: { every: 2, mode: '500' }, readErrorEvery: 2 },
		});
		const result = await runKoywe({
			parameters: create({ concurrency: 5, maxRetries: 5 }),
			items: invoiceItems(10),
			store,
		});
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 10);
		expectStoredOncePerReference(sandbox, 10);
		expect(sandbox.stats().createAttempts).toBe(10);
		expect(foundBy(result, 'reconciliation')).toHaveLength(5);
	});

	test('without a Reference an unknown outcome is an error item asking for a Reference, and is not resent', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 5, ambiguousCreate: { every: 3, mode: '500' } } });
		const items = invoiceItems(9);
		const result = await runKoywe({
			// A fixed empty Reference: the user chose to issue without one (an expression giving nothing is refused).
			parameters: { ...create({ concurrency: 3 }), reference: '' },
			items,
			store,
			settings: { continueOnFail: true },
		});
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 9);
		const failed = errorItems(result);
		expect(failed).toHaveLength(3);
		for (const item of failed) {
			expect(item.json.error).toMatch(/^Outcome unknown/);
			expect(`${String(item.json.error)} ${String(item.json.description)}`).toMatch(/Set a Reference/);
			expect(item.json.koyweOutcome).toBe('unknown');
		}
		for (const item of successItems(result)) {
			expect((item.json.warnings as string[]).join(' ')).toMatch(/No Reference was set/);
		}
		const stats = sandbox.stats();
		expect(stats.createAttempts).toBe(9);
		// All nine reached Koywe (three of them without a usable answer); none was sent twice.
		expect(stats.documentsStored).toBe(9);
		const amounts = storedNetAmounts(sandbox);
		expect(new Set(amounts).size).toBe(amounts.length);
		expect(stats.duplicates).toBe(0);
	});

	test('without a Reference and without continueOnFail the run fails saying so, and nothing is resent', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 5, ambiguousCreate: { every: 1, mode: '500' } } });
		const items = invoiceItems(3);
		const result = await runKoywe({ parameters: { ...create({ concurrency: 1 }), reference: '' }, items, store });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Outcome unknown/);
		expect(String(result.error?.description)).toMatch(/Set a Reference/);
		expect(sandbox.stats().createAttempts).toBe(1);
		expect(sandbox.stats().documentsStored).toBe(1);
	});
});

describe('unknown outcome where Koywe did NOT keep the document (proxy answers instead of Koywe)', () => {
	test('a 500 before commit: the reference is not found, the create is sent again once, one document', async () => {
		const { sandbox, proxy, store } = await startBehindProxy();
		let creates = 0;
		proxy.hook = (request) => (isCreate(request) && ++creates === 1 ? { status: 500, body: { error: 'gateway' } } : 'pass');
		const result = await runKoywe({ parameters: create(), items: invoiceItems(1), store });
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 1);
		expect(result.items[0].json.deduplicated).toBe(false);
		expect(result.logs.join('\n')).toMatch(/not found; creating again/);
		expectStoredOncePerReference(sandbox, 1);
		expect(creates).toBe(2);
	});

	test('a create that never gets an answer is given up after the retry budget with a clear message, nothing stored', async () => {
		const { sandbox, proxy, store } = await startBehindProxy();
		proxy.hook = (request) => (isCreate(request) ? { status: 502, body: { error: 'bad gateway' } } : 'pass');
		const result = await runKoywe({
			parameters: create({ maxRetries: 2 }),
			items: invoiceItems(2),
			store,
			settings: { continueOnFail: true },
		});
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 2);
		for (const item of result.items) {
			expect(item.json.error).toMatch(/Outcome unknown.*not found by reference TXN-000\d after 3 attempts/);
			expect(String(item.json.description)).toMatch(/Run the item again later/);
		}
		expect(proxy.requests.filter(isCreate)).toHaveLength(6);
		expectStoredOncePerReference(sandbox, 0);
	});

	test('cancelling the execution during the reconciliation wait ends it within a second', async () => {
		const { sandbox, proxy, store } = await startBehindProxy();
		proxy.hook = (request) => (isCreate(request) ? { status: 500, body: { error: 'gateway' } } : 'pass');
		const result = await runKoywe({
			parameters: create({ retryBaseSeconds: 60, retryMaxSeconds: 120 }),
			items: invoiceItems(1),
			store,
			cancelAfterMs: 400,
		});
		expect(result.status).toBe('canceled');
		expect(result.durationMs).toBeLessThan(1400);
		// It was the reconciliation wait (create answered 500, reference not found), not a transport wait.
		expect(result.logs.join('\n')).toMatch(/create outcome unknown; looking up reference TXN-0001/);
		expect(proxy.requests.filter(isCreate)).toHaveLength(1);
		expectStoredOncePerReference(sandbox, 0);
	});
});

describe('token and references', () => {
	test('token revoked mid-batch (after 5 creates, batch of 15, concurrency 5): completes with exactly one refresh', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 20, revokeTokensAfterCreates: 5 } });
		const result = await runKoywe({ parameters: create({ concurrency: 5 }), items: invoiceItems(15), store });
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 15);
		const stats = expectStoredOncePerReference(sandbox, 15);
		expect(stats.authCalls).toBe(2);
		expect(stats.unauthorized).toBeGreaterThanOrEqual(1);
		expect(stats.creates).toBe(15);
		expectDistinctDocuments(sandbox, result.items);
	});

	test('two items with the same reference in one batch: one document, the second output deduplicated', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 20 } });
		const items = [
			{ reference: 'SAME-1', body: chileInvoice({ net: 1000 }) },
			{ reference: 'OTHER-1', body: chileInvoice({ net: 2000 }) },
			{ reference: 'SAME-1', body: chileInvoice({ net: 1000 }) },
		];
		const result = await runKoywe({ parameters: create({ concurrency: 5 }), items, store });
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 3);
		expectStoredOncePerReference(sandbox, 2);
		expect(sandbox.stats().createAttempts).toBe(2);
		expect(result.items[0].json.deduplicated).toBe(false);
		expect(result.items[2].json.deduplicated).toBe(true);
		expect(result.items[2].json.document_id).toBe(result.items[0].json.document_id);
	});

	test('same reference twice in a batch while the first create has an unknown outcome: still one document', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 20, ambiguousCreate: { every: 1, mode: '500' } } });
		const items = [
			{ reference: 'SAME-2', body: chileInvoice({ net: 1000 }) },
			{ reference: 'SAME-2', body: chileInvoice({ net: 1000 }) },
		];
		const result = await runKoywe({ parameters: create({ concurrency: 5 }), items, store });
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 2);
		expectStoredOncePerReference(sandbox, 1);
		expect(sandbox.stats().createAttempts).toBe(1);
		expect(result.items[0].json.found_by).toBe('reconciliation');
		expect(result.items[1].json.deduplicated).toBe(true);
		expect(result.items[1].json.document_id).toBe(result.items[0].json.document_id);
	});

	test('two executions of the same workflow at the same time: one document per reference', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 20 } });
		const items = invoiceItems(10);
		const [first, second] = await Promise.all([
			runKoywe({ parameters: create({ concurrency: 5 }), items, store }),
			runKoywe({ parameters: create({ concurrency: 5 }), items, store }),
		]);
		for (const result of [first, second]) {
			expect(result.status).toBe('success');
			expectOneOutputPerItem(result, 10);
		}
		expectStoredOncePerReference(sandbox, 10);
		expect(sandbox.stats().createAttempts).toBe(10);
		const deduplicated = [...first.items, ...second.items].filter((item) => item.json.deduplicated === true);
		expect(deduplicated).toHaveLength(10);
	});
});

describe('n8n re-runs', () => {
	test("n8n's Retry On Fail after a mid-batch failure: the retry succeeds and re-run items come from memory", async () => {
		// With a token already stored, five items start together; the first to reach Koywe gets a 429 with no
		// retries left, so the node fails after the four others in flight created their documents. n8n then runs
		// the whole node again. (Without a stored token the first item would go alone to log in.)
		const { sandbox, store } = await start({ faults: { latencyMs: 20 } });
		await runKoywe({ parameters: { operation: 'findByReference', referenceNumber: 'WARM-UP', options: FAST_RETRY }, store });
		sandbox.resetStats();
		sandbox.setFaults({ forced429: 1, forced429RetryAfter: 'none' });
		const result = await runKoywe({
			parameters: create({ concurrency: 5, maxRetries: 0 }),
			items: invoiceItems(10),
			store,
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 100 },
		});
		expect(result.status).toBe('success');
		expectOneOutputPerItem(result, 10);
		const stats = expectStoredOncePerReference(sandbox, 10);
		expect(stats.rateLimited).toBe(1);
		expect(stats.createAttempts).toBe(11);
		const fromMemory = foundBy(result, 'memory');
		expect(fromMemory.length).toBeGreaterThanOrEqual(1);
		expect(fromMemory.every((item) => item.json.deduplicated === true)).toBe(true);
		expect(fromMemory.length + result.items.filter((item) => item.json.deduplicated === false).length).toBe(10);
		expectDistinctDocuments(sandbox, result.items);
		expect(stats.authCalls).toBe(0); // the token from the warm-up served both tries
	});

	test('the same workflow run twice after a restart (memory cleared) with checkBeforeCreate: the second creates nothing', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 5 } });
		const parameters = create({ concurrency: 5, checkBeforeCreate: true });
		const first = await runKoywe({ parameters, items: invoiceItems(10), store });
		expect(first.status).toBe('success');
		expectOneOutputPerItem(first, 10);
		expect(first.items.every((item) => item.json.deduplicated === false)).toBe(true);
		clearMemory();
		const second = await runKoywe({ parameters, items: invoiceItems(10), store });
		expect(second.status).toBe('success');
		expectOneOutputPerItem(second, 10);
		expect(foundBy(second, 'checkBeforeCreate')).toHaveLength(10);
		expect(second.items.every((item) => item.json.deduplicated === true)).toBe(true);
		expect(second.items.map((item) => item.json.document_id)).toEqual(first.items.map((item) => item.json.document_id));
		const stats = expectStoredOncePerReference(sandbox, 10);
		expect(stats.createAttempts).toBe(10);
		expect(stats.authCalls).toBe(1);
	});

	test('the same workflow run twice in the same process without checkBeforeCreate: the second creates nothing (memory)', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 5 } });
		const parameters = create({ concurrency: 5 });
		const first = await runKoywe({ parameters, items: invoiceItems(10), store });
		const second = await runKoywe({ parameters, items: invoiceItems(10), store });
		for (const result of [first, second]) {
			expect(result.status).toBe('success');
			expectOneOutputPerItem(result, 10);
		}
		expect(foundBy(second, 'memory')).toHaveLength(10);
		expect(second.items.map((item) => item.json.document_id)).toEqual(first.items.map((item) => item.json.document_id));
		const stats = expectStoredOncePerReference(sandbox, 10);
		expect(stats.createAttempts).toBe(10);
	});
});

describe('reads', () => {
	test('find by reference: 5xx answers to GETs are retried and every item finds its document', async () => {
		const { sandbox, store } = await start({ faults: { latencyMs: 5 } });
		const items = invoiceItems(10);
		const created = await runKoywe({ parameters: create({ concurrency: 5 }), items, store });
		expect(created.status).toBe('success');
		sandbox.setFaults({ readErrorEvery: 3 });
		const found = await runKoywe({
			parameters: {
				operation: 'findByReference',
				referenceNumber: '={{ $json.reference }}',
				options: { concurrency: 5, maxRetries: 5, retryBaseSeconds: 0.05, maxRequestsPerSecond: 0 },
			},
			items: items.map((item) => ({ reference: item.reference })),
			store,
		});
		expect(found.status).toBe('success');
		expectOneOutputPerItem(found, 10);
		expect(sandbox.stats().serverErrors).toBeGreaterThan(0);
		found.items.forEach((item, index) => {
			expect(item.json.found).toBe(true);
			expect(item.json.document_id).toBe(created.items[index].json.document_id);
		});
		expectStoredOncePerReference(sandbox, 10);
	});
});

test('the whole matrix keeps FAST settings (no 30 s production waits)', () => {
	const parameters = create() as { options: IDataObject };
	expect(Number(parameters.options.retryBaseSeconds)).toBeLessThan(1);
});
