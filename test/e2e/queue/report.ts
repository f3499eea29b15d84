/**
 * The tables the queue-mode e2e prints: per scenario, each check with its target and what was measured; per worker,
 * what each process did; and the errors failed executions ended with, grouped.
 */
import type { Measured } from './measure';
import type { Check } from './scenarios';

export interface ScenarioOutcome {
	workers: number;
	measured: Measured;
	checks: Check[];
	/** The scenario could not be run or measured (setup error, timeout). */
	error?: string;
}

export function table(rows: string[][], header: string[]): string {
	const all = [header, ...rows];
	const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
	const line = (r: string[]) => r.map((cell, i) => (cell ?? '').padEnd(widths[i])).join('  ').trimEnd();
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function verdict(c: Check): string {
	if (c.info) return 'info';
	return c.ok ? 'ok' : 'FAIL';
}

export function checksTable(outcomes: ScenarioOutcome[]): string {
	const rows: string[][] = [];
	for (const o of outcomes) {
		const label = `${o.measured.key}. ${o.measured.title} [${o.workers} workers]`;
		if (o.error) {
			rows.push([label, 'scenario ran', 'yes', o.error.split('\n')[0].slice(0, 90), 'FAIL']);
			continue;
		}
		o.checks.forEach((c, i) => rows.push([i === 0 ? label : '', c.what, c.expected, c.measured, verdict(c)]));
	}
	return table(rows, ['scenario', 'check', 'target', 'measured', '']);
}

export function workersTable(outcomes: ScenarioOutcome[]): string {
	const rows: string[][] = [];
	for (const o of outcomes) {
		if (o.error) continue;
		for (const [name, f] of Object.entries(o.measured.perWorker)) {
			rows.push([
				`${o.measured.key} [${o.workers}w]`,
				name,
				String(f.executions),
				`${f.created}/${f.createAttempts}`,
				String(f.auth),
				String(f.rateLimited),
				String(f.unauthorized),
				String(f.serverErrors),
				String(f.tokens),
			]);
		}
	}
	return table(rows, ['scenario', 'process', 'executions', 'creates 201/sent', '/auth', '429', '401', '5xx/reset', 'tokens']);
}

export function failuresReport(outcomes: ScenarioOutcome[]): string {
	const parts: string[] = [];
	for (const o of outcomes) {
		const m = o.measured;
		if (!m.failures.length && !m.webhookFailures.length && !m.unfinished) continue;
		parts.push(`${m.key}. ${m.title} [${o.workers} workers]:`);
		if (m.webhookFailures.length) parts.push(`  ${m.webhookFailures.length} webhook call(s) refused: ${[...new Set(m.webhookFailures)].slice(0, 3).join('; ')}`);
		if (m.unfinished) parts.push(`  ${m.unfinished} execution(s) not finished when the harness stopped waiting`);
		const groups = new Map<string, typeof m.failures>();
		for (const f of m.failures) groups.set(f.message, [...(groups.get(f.message) ?? []), f]);
		for (const [message, list] of [...groups].sort((a, b) => b[1].length - a[1].length).slice(0, 6)) {
			const workers = [...new Set(list.map((f) => f.worker))].join(', ');
			const sample = list
				.slice(0, 3)
				.map((f) => `#${f.id}${f.reference ? ` ${f.reference}` : ''}`)
				.join(', ');
			parts.push(`  ${list.length} × [${workers}] ${message}\n      e.g. ${sample}`);
		}
	}
	return parts.join('\n');
}

/** One line per scenario for the bench row: docs/s ÷ limit, 429s, failed executions, duplicates, /auth per worker. */
export function benchTable(outcomes: ScenarioOutcome[]): string {
	const rows = outcomes
		.filter((o) => !o.error)
		.map((o) => {
			const m = o.measured;
			const authPerWorker = Object.entries(m.perWorker)
				.filter(([name]) => name.startsWith('worker'))
				.map(([, f]) => f.auth)
				.join('/');
			return [
				`${m.key}. ${m.title}`,
				String(o.workers),
				`${m.docs.referencesIssued}/${m.references}`,
				m.throughput ? m.throughput.docsPerSecond.toFixed(2) : '–',
				m.throughput ? m.throughput.ratio.toFixed(2) : '–',
				String(m.rateLimited),
				String(m.executions.error + m.executions.crashed),
				String(m.docs.duplicates),
				`${m.auth} (${authPerWorker})`,
				`${(m.timings.totalMs / 1000).toFixed(1)} s`,
			];
		});
	return table(rows, ['scenario', 'workers', 'issued', 'docs/s', '÷ limit', '429s', 'failed exec', 'duplicates', '/auth (per worker)', 'time']);
}
