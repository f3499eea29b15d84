/**
 * The queue-mode scenarios of issue 15: what is sent (webhook deliveries and their timing), which sandbox fault is on,
 * and the targets ("turns green" column) each run is checked against. Each scenario has its own webhook workflow, so
 * its executions are counted from the database by workflow id, and its own references (prefixed with the run id),
 * so its documents are counted from the sandbox by reference.
 */
import type { Faults } from '../../sandbox';
import type { Measured } from './measure';

export const SCENARIO_KEYS = ['1', '2', '3', '4', '5', '6'] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

/** The account's limit in scenario 3 (documents per second, token bucket, `Retry-After: 1`). */
export const RATE_LIMIT_PER_SECOND = 5;

export interface Delivery {
	/** When to send it, in ms from the start of the scenario. */
	at: number;
	reference: string;
	/** 1 for the first delivery of a reference, 2 for the repeat. */
	delivery: 1 | 2;
	/** Scenario 6: which overlap the pair belongs to. */
	group?: string;
}

export interface Check {
	what: string;
	expected: string;
	measured: string;
	ok: boolean;
	/** Shown, never fails the run (the issue asks to measure it, not to meet a number). */
	info?: boolean;
}

export interface ScenarioContext {
	/** Whether the sandbox limits the account as a whole (fault `rateLimitScope: 'account'`) or each token. */
	accountScopedLimit: boolean;
}

export interface Scenario {
	key: ScenarioKey;
	title: string;
	/** What it proves, one line (README and the table's header). */
	proves: string;
	deliveries(prefix: string): Delivery[];
	faults(ctx: ScenarioContext): Partial<Faults> & Record<string, unknown>;
	/** Token revocations the scenario causes (each is one more token lifetime per worker). */
	revocations: number;
	checks(m: Measured, ctx: ScenarioContext): Check[];
}

function spaced(prefix: string, count: number, spacingMs: number): Delivery[] {
	return Array.from({ length: count }, (_, i) => ({ at: i * spacingMs, reference: `${prefix}-${String(i + 1).padStart(3, '0')}`, delivery: 1 as const }));
}

const count = (n: number) => String(n);

/** The checks every scenario makes: each reference issued exactly once, no failed execution, one login per worker. */
function common(m: Measured): Check[] {
	const checks: Check[] = [
		{
			what: 'webhook calls accepted',
			expected: `${m.sent}/${m.sent}`,
			measured: `${m.accepted}/${m.sent}`,
			ok: m.accepted === m.sent,
		},
		{
			what: 'references issued',
			expected: `${m.references}/${m.references}`,
			measured: `${m.docs.referencesIssued}/${m.references}`,
			ok: m.docs.referencesIssued === m.references,
		},
		{ what: 'duplicate documents', expected: '0', measured: count(m.docs.duplicates), ok: m.docs.duplicates === 0 },
		{
			what: 'failed executions (database)',
			expected: '0',
			measured: `${m.executions.error + m.executions.crashed} (${m.executions.success} success, ${m.executions.error} error, ${m.executions.crashed} crashed${m.executions.other ? `, ${m.executions.other} other` : ''})`,
			ok: m.executions.error + m.executions.crashed + m.executions.other === 0 && m.executions.total === m.accepted,
		},
	];
	const perWorker = Object.entries(m.perWorker)
		.map(([w, f]) => `${w} ${f.auth}`)
		.join(', ');
	const maxPerWorker = Math.max(0, ...Object.values(m.perWorker).map((f) => f.auth));
	checks.push({
		what: '/auth per worker',
		// No login is needed while the token of an earlier scenario is valid; one per worker per new token lifetime.
		expected: m.tokenLifetimes === 0 ? '0 (token reused)' : `≤ ${m.tokenLifetimes} per worker`,
		measured: `${m.auth} total${perWorker ? ` (${perWorker})` : ''}`,
		// A login the meter could not attribute still counts against the total.
		ok: maxPerWorker <= m.tokenLifetimes && m.auth <= m.tokenLifetimes * m.workers,
	});
	return checks;
}

export const SCENARIOS: Scenario[] = [
	{
		key: '1',
		title: '60 calls, no rate limit',
		proves: 'the package runs on workers and the token is shared: 60 documents, no duplicate, one login',
		deliveries: (prefix) => spaced(prefix, 60, 50),
		faults: () => ({}),
		revocations: 0,
		checks: (m) => common(m),
	},
	{
		key: '2',
		title: '60 calls, 1 create in 7 answered 500 after commit',
		proves: 'a create that Koywe committed but answered 500 is found by its reference, not issued again, on any worker',
		deliveries: (prefix) => spaced(prefix, 60, 50),
		faults: () => ({ ambiguousCreate: { every: 7, mode: '500' } }),
		revocations: 0,
		checks: (m) => [
			...common(m),
			{ what: 'ambiguous 500s injected', expected: '≥ 1', measured: count(m.serverErrors), ok: m.serverErrors >= 1, info: true },
		],
	},
	{
		key: '3',
		title: `60 calls, the account limited to ${RATE_LIMIT_PER_SECOND} documents/s`,
		proves: 'workers share the account\'s limit: nothing fails while Koywe is merely busy, and the limit is used',
		// All at once (a CRM import, a month-end batch): the workers take 2 × 5 executions and meet the limit together.
		deliveries: (prefix) => spaced(prefix, 60, 0),
		faults: (ctx) => ({
			rateLimit: { perSecond: RATE_LIMIT_PER_SECOND, retryAfter: 'seconds' },
			...(ctx.accountScopedLimit ? { rateLimitScope: 'account' } : {}),
		}),
		revocations: 0,
		checks: (m, ctx) => {
			const t = m.throughput;
			const checks = [
				...common(m),
				{
					what: `aggregate throughput ÷ limit (${RATE_LIMIT_PER_SECOND}/s)`,
					expected: '≥ 0.90',
					measured: t ? `${t.ratio.toFixed(2)} (${t.docsPerSecond.toFixed(2)} docs/s over ${(t.windowMs / 1000).toFixed(1)} s)` : 'no documents',
					ok: t !== undefined && t.ratio >= 0.9,
				},
				{ what: '429 answers', expected: 'few (reported)', measured: count(m.rateLimited), ok: true, info: true },
			];
			if (!ctx.accountScopedLimit) {
				// A per-token limit is the account's only while every worker uses the same token.
				checks.push({
					what: 'tokens in use (per-token limit = account limit only with 1)',
					expected: '1',
					measured: count(m.createTokens),
					ok: m.createTokens <= 1,
				});
			}
			return checks;
		},
	},
	{
		key: '4',
		title: '40 calls, each delivered twice 1.5 s apart',
		proves: 'an at-least-once webhook source: a repeated reference returns the existing document on whichever worker',
		deliveries: (prefix) =>
			spaced(prefix, 40, 250).flatMap((d) => [d, { ...d, at: d.at + 1500, delivery: 2 as const }]).sort((a, b) => a.at - b.at),
		faults: () => ({}),
		revocations: 0,
		checks: (m) => {
			const r = m.redelivery;
			return [
				...common(m),
				{
					what: 'second deliveries output deduplicated: true',
					expected: `${r.second}/${r.second}`,
					measured: `${r.secondDeduplicated}/${r.second}${r.crossWorker !== undefined ? ` (${r.crossWorker} of the pairs ran on two workers)` : ''}`,
					ok: r.second > 0 && r.secondDeduplicated === r.second,
				},
			];
		},
	},
	{
		key: '5',
		title: '60 calls, every token revoked after 20 documents',
		proves: 'a revoked token costs one login per worker, and no execution fails or issues twice',
		deliveries: (prefix) => spaced(prefix, 60, 50),
		faults: () => ({ revokeTokensAfterCreates: 20 }),
		revocations: 1,
		checks: (m) => [
			...common(m),
			{ what: '401 answers (revoked token)', expected: '≥ 1', measured: count(m.unauthorized), ok: m.unauthorized >= 1, info: true },
		],
	},
	{
		key: '6',
		title: 'overlapping deliveries of one reference (same instant / 100 ms apart)',
		proves: 'the hard case, measured: two deliveries of one reference running at the same time on two workers',
		deliveries: (prefix) =>
			spaced(prefix, 40, 250)
				.flatMap((d, i) => {
					const gap = i % 2 === 0 ? 0 : 100;
					const group = gap === 0 ? 'same instant' : '100 ms apart';
					return [
						{ ...d, group },
						{ ...d, at: d.at + gap, delivery: 2 as const, group },
					];
				})
				.sort((a, b) => a.at - b.at),
		faults: () => ({}),
		revocations: 0,
		checks: (m) => {
			// Measured, not asserted: a node may rightly refuse one of two overlapping deliveries (an error is safer than a
			// second invoice), so even failed executions are figures here.
			const checks = common(m).map((c) => (c.what === 'webhook calls accepted' ? c : { ...c, info: true }));
			for (const g of m.overlap) {
				checks.push({
					what: `duplicates, ${g.group}`,
					expected: 'measured',
					measured: `${g.duplicates} of ${g.pairs} pairs (${g.crossWorker} pairs on two workers)`,
					ok: true,
					info: true,
				});
			}
			return checks;
		},
	},
];

export function selectScenarios(keys: string[]): Scenario[] {
	const unknown = keys.filter((k) => !SCENARIO_KEYS.includes(k as ScenarioKey));
	if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')} (use ${SCENARIO_KEYS.join(', ')})`);
	return SCENARIOS.filter((s) => keys.includes(s.key));
}
