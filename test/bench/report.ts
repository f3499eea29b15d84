/**
 * Turns the task results into the printed tables, the target checks and the bench-results.json document.
 */
import type { FaultsResult, OverheadResult, ScalingResult, TaskResult, ThroughputResult } from './worker';

export interface TargetCheck {
	name: string;
	value: string;
	target: string;
	met: boolean;
}

export interface Meta {
	date: string;
	command: string;
	/** git commit of the code measured, taken when the run started. */
	commit: string;
	mode: 'full' | 'quick';
	node: string;
	platform: string;
	cpus: string;
	/** os.loadavg() (1, 5, 15 min) when the run started and when it ended: other work on the machine skews timings. */
	loadAverage: { start: number[]; end: number[] };
	totalSeconds: number;
	/** Tasks that could not run, with the reason. */
	failed: string[];
}

const MB = 1024 * 1024;
const KB = 1024;

/** A plain-text table; `left` lists the columns aligned left (default: the first), the others align right. */
function table(headers: string[], rows: string[][], left: number[] = [0], indent = '  '): string {
	const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
	const line = (cells: string[]) =>
		indent +
		cells
			.map((cell, column) => (left.includes(column) ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
			.join('  ')
			.trimEnd();
	return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

const f = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const seconds = (ms: number) => f(ms / 1000, 2);

export function byKind(results: TaskResult[]) {
	return {
		throughput: results.filter((r): r is ThroughputResult => r.kind === 'throughput'),
		overhead: results.find((r): r is OverheadResult => r.kind === 'overhead'),
		scaling: results
			.filter((r): r is ScalingResult => r.kind === 'scaling')
			.sort((a, b) => a.task.documents - b.task.documents),
		faults: results.find((r): r is FaultsResult => r.kind === 'faults'),
	};
}

function scalingRow(result: ScalingResult) {
	const n = result.task.documents;
	return {
		documents: n,
		wallSeconds: result.run.wallMs / 1000,
		msPerDoc: result.run.wallMs / n,
		docsPerSecond: n / (result.run.wallMs / 1000),
		cpuMsPerDoc: result.run.cpuMs / n,
		peakHeapDeltaMB: (result.run.peakHeapDeltaBytes ?? 0) / MB,
		heapKBPerDoc: (result.run.peakHeapDeltaBytes ?? 0) / KB / n,
		peakRssDeltaMB: (result.run.peakRssDeltaBytes ?? 0) / MB,
		rssKBPerDoc: (result.run.peakRssDeltaBytes ?? 0) / KB / n,
		errors: result.run.errors,
	};
}

/** Client CPU per document, split with the validateOnly run (engine + node, no HTTP) and the direct calls. */
function decomposition(overhead: OverheadResult) {
	const m = overhead.median;
	const nodeOwn = overhead.pure.totalMsPerDoc;
	return {
		nodeOwn,
		engine: m.validateOnlyCpuMsPerDoc - nodeOwn,
		http: m.nodeCpuMsPerDoc - m.validateOnlyCpuMsPerDoc,
		raw: m.rawCpuMsPerDoc,
		total: m.nodeCpuMsPerDoc,
	};
}

export function targets(results: TaskResult[]): TargetCheck[] {
	const { throughput, overhead, scaling, faults } = byKind(results);
	const checks: TargetCheck[] = [];
	for (const result of throughput.filter((r) => r.task.burst === undefined)) {
		checks.push({
			name: `throughput R=${result.task.rate} (${result.task.documents} docs)`,
			value: `${f(result.ratioOfLimit, 3)} of R, ${result.stats.rateLimited} 429s, ${result.run.errors} errors`,
			target: '>= 0.95 of R, 0 429s',
			met: result.ratioOfLimit >= 0.95 && result.stats.rateLimited === 0 && result.run.errors === 0,
		});
	}
	if (overhead) {
		checks.push({
			name: 'overhead: node wall time / raw undici',
			value: f(overhead.median.ratio, 2),
			target: '<= 1.3',
			met: overhead.median.ratio <= 1.3,
		});
		checks.push({
			name: 'CPU validation + body building',
			value: `${f(overhead.pure.totalMsPerDoc, 3)} ms/doc`,
			target: '< 0.5 ms/doc',
			met: overhead.pure.totalMsPerDoc < 0.5,
		});
	}
	if (scaling.length >= 2) {
		const [middle, largest] = scaling.slice(-2).map(scalingRow);
		const timeGrowth = largest.msPerDoc / middle.msPerDoc;
		const heapGrowth = largest.heapKBPerDoc / middle.heapKBPerDoc;
		checks.push({
			name: `scaling: per-document time, ${largest.documents} vs ${middle.documents}`,
			value: `x${f(timeGrowth, 2)}`,
			target: '<= x1.25 (linear)',
			met: timeGrowth <= 1.25,
		});
		checks.push({
			name: `scaling: per-document peak heap, ${largest.documents} vs ${middle.documents}`,
			value: `x${f(heapGrowth, 2)}`,
			target: '<= x1.25 (linear)',
			met: heapGrowth <= 1.25,
		});
	}
	if (faults) {
		checks.push({
			name: `faults 1-in-${faults.task.every} 500 (${faults.task.documents} docs)`,
			value: `${faults.duplicates} duplicates, ${faults.stored} stored / ${faults.uniqueReferences} refs, ${faults.faulty.errors} errors`,
			target: '0 duplicates, stored = refs = docs',
			met:
				faults.duplicates === 0 &&
				faults.stored === faults.task.documents &&
				faults.uniqueReferences === faults.task.documents &&
				faults.faulty.errors === 0,
		});
	}
	return checks;
}

export function render(results: TaskResult[], meta: Meta): string {
	const { throughput, overhead, scaling, faults } = byKind(results);
	const out: string[] = [];
	out.push(
		`Koywe node benchmark (${meta.mode} run, ${meta.date})`,
		`${meta.node} · ${meta.platform} · ${meta.cpus} · load average ${meta.loadAverage.start.map((l) => f(l, 1)).join(' ')} at start, ${meta.loadAverage.end.map((l) => f(l, 1)).join(' ')} at end`,
		`command: ${meta.command} · commit ${meta.commit} · total ${f(meta.totalSeconds, 0)} s`,
		'',
	);

	if (throughput.length) {
		const t = throughput[0].task;
		out.push(
			`1. Throughput vs the rate limit (sandbox limit R docs/s per token, latency ${t.latencyMs} ms; node: concurrency ${t.concurrency}, maxRequestsPerSecond = R)`,
			table(
				['R', 'bucket', 'docs', 'wall s', 'docs/s', 'of R', '429s', '/auth', 'max in flight', 'errors'],
				throughput.map((r) => [
					String(r.task.rate),
					r.task.burst === undefined ? `${r.task.rate} (default)` : `${r.task.burst} (strict)`,
					String(r.task.documents),
					seconds(r.run.wallMs),
					f(r.docsPerSecond, 2),
					f(r.ratioOfLimit, 3),
					String(r.stats.rateLimited),
					String(r.stats.authCalls),
					String(r.stats.maxInFlight),
					String(r.run.errors),
				]),
			),
			...(throughput.some((r) => r.task.burst !== undefined)
				? [
						'  bucket: size of the sandbox token bucket. The strict rows (a limiter that allows no burst) are informational,',
						'  not part of the targets: they show what happens if Koywe counts requests that strictly.',
					]
				: []),
			'',
		);
	}

	if (overhead) {
		const t = overhead.task;
		const m = overhead.median;
		const pure = overhead.pure;
		const rate = (ms: number) => f(t.documents / (ms / 1000), 0);
		const cpu = decomposition(overhead);
		out.push(
			`2. Overhead vs the floor (no rate limit, latency ${t.latencyMs} ms, ${t.concurrency} in flight, ${t.documents} docs, median of ${t.rounds} alternating round${t.rounds === 1 ? '' : 's'})`,
			table(
				['client', 'wall s', 'docs/s', 'vs raw', 'CPU ms/doc'],
				[
					['node in the n8n engine', seconds(m.nodeWallMs), rate(m.nodeWallMs), f(m.ratio, 2), f(m.nodeCpuMsPerDoc, 3)],
					['raw undici, keep-alive (the floor)', seconds(m.rawWallMs), rate(m.rawWallMs), '1.00', f(m.rawCpuMsPerDoc, 3)],
					[
						'raw undici, new connection per request',
						seconds(m.rawNewConnectionWallMs),
						rate(m.rawNewConnectionWallMs),
						f(m.rawNewConnectionWallMs / m.rawWallMs, 2),
						f(m.rawNewConnectionCpuMsPerDoc, 3),
					],
					[
						'node with validateOnly (no HTTP)',
						seconds(m.validateOnlyWallMs),
						rate(m.validateOnlyWallMs),
						'',
						f(m.validateOnlyCpuMsPerDoc, 3),
					],
				],
			),
			`  wall-time ratio node / raw: ${f(m.ratio, 2)} (per round: ${overhead.rounds.map((r) => f(r.ratio, 2)).join(', ')})`,
			...overhead.atLatency.map(
				(pair) =>
					`  same ${t.documents} docs at ${pair.latencyMs} ms latency (one pair): node ${seconds(pair.nodeWallMs)} s, raw ${seconds(pair.rawWallMs)} s, ratio ${f(pair.ratio, 2)}${pair.errors ? `, ${pair.errors} errors` : ''}`,
			),
			`  requests seen by the sandbox: node ${overhead.requests.node}, raw ${overhead.requests.raw}; /auth during the rounds: node ${overhead.requests.nodeAuthCalls}, raw ${overhead.requests.rawAuthCalls} (both logged in once, in the warm-up)`,
			'',
			'  Client CPU per document (process.cpuUsage of the client process; the sandbox runs in its own process):',
			table(
				['part', 'CPU ms/doc'],
				[
					["node's validation + body building (called directly, below)", f(cpu.nodeOwn, 3)],
					['n8n engine per item, rest (validateOnly run minus the line above)', f(cpu.engine, 3)],
					['sending + answer handling: n8n request helper, transport, output (full minus validateOnly)', f(cpu.http, 3)],
					['  the same requests from the raw undici client', f(m.rawCpuMsPerDoc, 3)],
					['node run, total', f(m.nodeCpuMsPerDoc, 3)],
				],
				[0],
				'    ',
			),
			'',
			`  Validation + body building, the node's functions called directly (${pure.passes} warm passes over ${t.documents} bodies of ${pure.bodyBytes} bytes):`,
			table(
				['step', 'CPU ms/doc'],
				[
					['JSON parse + header copy + 802 reference', f(pure.buildMsPerDoc, 3)],
					['todayIn(country), the date for validation', f(pure.todayMsPerDoc, 3)],
					['validateDocumentBody', f(pure.validateMsPerDoc, 3)],
					['total', f(pure.totalMsPerDoc, 3)],
					['total, first (cold) pass', f(pure.coldTotalMsPerDoc, 3)],
				],
				[0],
				'    ',
			),
			'',
		);
	}

	if (scaling.length) {
		const t = scaling[0].task;
		out.push(
			`3. Scaling (node, no rate limit, latency ${t.latencyMs} ms, concurrency ${t.concurrency}; memory = peak above the pre-run baseline, sampled every 10 ms)`,
			table(
				['docs', 'wall s', 'ms/doc', 'docs/s', 'CPU ms/doc', 'peak heap MB', 'heap KB/doc', 'peak rss MB', 'rss KB/doc', 'errors'],
				scaling.map(scalingRow).map((row) => [
					String(row.documents),
					f(row.wallSeconds, 2),
					f(row.msPerDoc, 2),
					f(row.docsPerSecond, 0),
					f(row.cpuMsPerDoc, 2),
					f(row.peakHeapDeltaMB, 1),
					f(row.heapKBPerDoc, 1),
					f(row.peakRssDeltaMB, 1),
					f(row.rssKBPerDoc, 1),
					String(row.errors),
				]),
			),
			'',
		);
	}

	if (faults) {
		const t = faults.task;
		out.push(
			`4. Faults: every ${t.every}th create answers HTTP 500 after committing (latency ${t.latencyMs} ms, no rate limit, concurrency ${t.concurrency})`,
			table(
				['run', 'docs', 'wall s', 'docs/s', 'vs clean', '500s', 'reconciled', 'stored', 'unique refs', 'duplicates', 'errors'],
				[
					[
						'clean (mean of before and after)',
						String(t.documents),
						seconds(faults.cleanWallMs),
						f(t.documents / (faults.cleanWallMs / 1000), 0),
						'1.00',
						'0',
						'0',
						'',
						'',
						'',
						String(faults.cleanRuns.reduce((sum, run) => sum + run.errors, 0)),
					],
					[
						'1-in-7 500',
						String(t.documents),
						seconds(faults.faulty.wallMs),
						f(t.documents / (faults.faulty.wallMs / 1000), 0),
						f(faults.cleanWallMs / faults.faulty.wallMs, 2),
						String(faults.ambiguousAnswers),
						String(faults.faulty.reconciled),
						String(faults.stored),
						String(faults.uniqueReferences),
						String(faults.duplicates),
						String(faults.faulty.errors),
					],
				],
			),
			`  clean runs: ${faults.cleanRuns.map((run) => `${seconds(run.wallMs)} s`).join(' before, ')} after; extra requests for the reconciliations: ${faults.extraRequests} (${f(faults.extraRequests / Math.max(1, faults.ambiguousAnswers), 1)} per 500)`,
			'',
		);
	}

	const checks = targets(results);
	if (checks.length) {
		out.push(
			'Targets',
			table(
				['check', 'measured', 'target', 'met'],
				checks.map((check) => [check.name, check.value, check.target, check.met ? 'yes' : 'NO']),
				[0, 1, 2],
			),
		);
	}
	const failures = results.flatMap((r) => {
		const runs =
			r.kind === 'throughput' || r.kind === 'scaling'
				? [r.run]
				: r.kind === 'faults'
					? [...r.cleanRuns, r.faulty]
					: r.rounds.flatMap((x) => [x.node, x.validateOnly]);
		return runs.filter((run) => run.firstError).map((run) => `  ${r.task.label}: ${run.errors} error item(s), first: ${run.firstError}`);
	});
	if (failures.length) out.push('', 'Errors', ...failures);
	if (meta.failed.length) out.push('', 'Tasks that could not run', ...meta.failed.map((line) => `  ${line}`));
	return out.join('\n');
}

/** bench-results.json: the meta data, every figure per task, and the target checks. */
export function resultsDocument(results: TaskResult[], meta: Meta) {
	const { throughput, overhead, scaling, faults } = byKind(results);
	return {
		meta,
		throughput: throughput.map((r) => ({
			rate: r.task.rate,
			burst: r.task.burst ?? r.task.rate,
			documents: r.task.documents,
			latencyMs: r.task.latencyMs,
			concurrency: r.task.concurrency,
			wallSeconds: r.run.wallMs / 1000,
			docsPerSecond: r.docsPerSecond,
			ratioOfLimit: r.ratioOfLimit,
			rateLimited429: r.stats.rateLimited,
			rateLimitedSeenByNode: r.run.rateLimitedSeen,
			authCalls: r.stats.authCalls,
			maxInFlight: r.stats.maxInFlight,
			requests: r.stats.requests,
			duplicates: r.stats.duplicates,
			errors: r.run.errors,
			cpuMsPerDoc: r.run.cpuMs / r.task.documents,
		})),
		overhead: overhead && {
			documents: overhead.task.documents,
			latencyMs: overhead.task.latencyMs,
			concurrency: overhead.task.concurrency,
			rounds: overhead.rounds.map((round) => ({
				order: round.order,
				nodeWallSeconds: round.node.wallMs / 1000,
				rawWallSeconds: round.raw.wallMs / 1000,
				rawNewConnectionWallSeconds: round.rawNewConnection.wallMs / 1000,
				validateOnlyWallSeconds: round.validateOnly.wallMs / 1000,
				ratio: round.ratio,
				nodeCpuMsPerDoc: round.node.cpuMs / overhead.task.documents,
				rawCpuMsPerDoc: round.raw.cpuMs / overhead.task.documents,
				rawNewConnectionCpuMsPerDoc: round.rawNewConnection.cpuMs / overhead.task.documents,
				validateOnlyCpuMsPerDoc: round.validateOnly.cpuMs / overhead.task.documents,
				nodeErrors: round.node.errors,
				rawErrors: round.raw.errors + round.rawNewConnection.errors,
			})),
			median: {
				nodeWallSeconds: overhead.median.nodeWallMs / 1000,
				rawWallSeconds: overhead.median.rawWallMs / 1000,
				rawNewConnectionWallSeconds: overhead.median.rawNewConnectionWallMs / 1000,
				validateOnlyWallSeconds: overhead.median.validateOnlyWallMs / 1000,
				ratio: overhead.median.ratio,
				nodeCpuMsPerDoc: overhead.median.nodeCpuMsPerDoc,
				rawCpuMsPerDoc: overhead.median.rawCpuMsPerDoc,
				rawNewConnectionCpuMsPerDoc: overhead.median.rawNewConnectionCpuMsPerDoc,
				validateOnlyCpuMsPerDoc: overhead.median.validateOnlyCpuMsPerDoc,
				addedCpuMsPerDoc: overhead.median.nodeCpuMsPerDoc - overhead.median.rawCpuMsPerDoc,
			},
			cpuDecompositionMsPerDoc: decomposition(overhead),
			atLatency: overhead.atLatency.map((pair) => ({
				latencyMs: pair.latencyMs,
				nodeWallSeconds: pair.nodeWallMs / 1000,
				rawWallSeconds: pair.rawWallMs / 1000,
				ratio: pair.ratio,
				errors: pair.errors,
			})),
			validationAndBodyCpu: overhead.pure,
			requests: overhead.requests,
			duplicates: overhead.duplicates,
		},
		scaling: scaling.map((r) => ({ latencyMs: r.task.latencyMs, concurrency: r.task.concurrency, ...scalingRow(r) })),
		faults: faults && {
			documents: faults.task.documents,
			every: faults.task.every,
			latencyMs: faults.task.latencyMs,
			concurrency: faults.task.concurrency,
			clean: {
				wallSeconds: faults.cleanWallMs / 1000,
				docsPerSecond: faults.task.documents / (faults.cleanWallMs / 1000),
				runsWallSeconds: faults.cleanRuns.map((run) => run.wallMs / 1000),
				errors: faults.cleanRuns.reduce((sum, run) => sum + run.errors, 0),
			},
			faulty: {
				wallSeconds: faults.faulty.wallMs / 1000,
				docsPerSecond: faults.task.documents / (faults.faulty.wallMs / 1000),
				ratioToClean: faults.cleanWallMs / faults.faulty.wallMs,
				ambiguous500s: faults.ambiguousAnswers,
				reconciled: faults.faulty.reconciled,
				errors: faults.faulty.errors,
				firstError: faults.faulty.firstError,
			},
			stored: faults.stored,
			uniqueReferences: faults.uniqueReferences,
			duplicates: faults.duplicates,
			createAttempts: faults.stats.createAttempts,
			extraRequests: faults.extraRequests,
		},
		targets: targets(results),
	};
}
