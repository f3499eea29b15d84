/**
 * What `npm run bench` measures, and the sizes of the full and the quick run. The orchestrator (run.ts) starts one
 * sandbox child process and one worker process (worker.ts) per task, so every task starts from a clean process:
 * no token, rate limiter, idempotency memory or heap left over from the previous task.
 */
import type { Faults } from '../sandbox';

export interface ThroughputTask {
	kind: 'throughput';
	label: string;
	/** Sandbox limit and the node's maxRequestsPerSecond (documents per second). */
	rate: number;
	/** Sandbox bucket size; undefined = the sandbox default (R). 1 = a strict limiter that allows no burst. */
	burst?: number;
	documents: number;
	latencyMs: number;
	concurrency: number;
}

export interface OverheadTask {
	kind: 'overhead';
	label: string;
	documents: number;
	latencyMs: number;
	concurrency: number;
	/** Alternating node/raw rounds; the medians are reported. */
	rounds: number;
	warmup: number;
	/** Passes over the bodies when timing the pure functions (after one cold pass). */
	cpuPasses: number;
	/** One more node/raw pair at each of these sandbox latencies (ms), to show the ratio at less local latencies. */
	extraLatenciesMs: number[];
}

export interface ScalingTask {
	kind: 'scaling';
	label: string;
	documents: number;
	latencyMs: number;
	concurrency: number;
	warmup: number;
}

export interface FaultsTask {
	kind: 'faults';
	label: string;
	documents: number;
	latencyMs: number;
	concurrency: number;
	/** Every k-th stored create answers HTTP 500 after it was committed. */
	every: number;
}

export type Task = ThroughputTask | OverheadTask | ScalingTask | FaultsTask;
export type TaskKind = Task['kind'];
export const TASK_KINDS: readonly TaskKind[] = ['throughput', 'overhead', 'scaling', 'faults'];

/** Faults the sandbox starts with for a task (the faults task switches its fault on itself, after a clean run). */
export function sandboxFaults(task: Task): Partial<Faults> {
	if (task.kind === 'throughput') {
		return {
			latencyMs: task.latencyMs,
			rateLimit: { perSecond: task.rate, retryAfter: 'seconds', ...(task.burst === undefined ? {} : { burst: task.burst }) },
		};
	}
	return { latencyMs: task.latencyMs };
}

export function plan(quick: boolean): Task[] {
	const throughput = (rate: number, documents: number, burst?: number): ThroughputTask => ({
		kind: 'throughput',
		label: `throughput R=${rate}${burst === undefined ? '' : ` burst ${burst}`}`,
		rate,
		burst,
		documents,
		latencyMs: 20,
		concurrency: 5,
	});
	const scaling = (documents: number): ScalingTask => ({
		kind: 'scaling',
		label: `scaling ${documents}`,
		documents,
		latencyMs: 1,
		concurrency: 5,
		warmup: 50,
	});
	return [
		throughput(5, quick ? 50 : 500),
		throughput(50, quick ? 200 : 500),
		// Informational: the same pacing against a limiter that allows no burst at all.
		throughput(5, 50, 1),
		throughput(50, 200, 1),
		{
			kind: 'overhead',
			label: 'overhead node vs raw',
			documents: quick ? 200 : 500,
			latencyMs: 5,
			concurrency: 5,
			rounds: quick ? 1 : 3,
			warmup: 50,
			cpuPasses: quick ? 3 : 10,
			extraLatenciesMs: [50],
		},
		...(quick ? [100, 500, 2000] : [100, 1000, 5000]).map(scaling),
		{
			kind: 'faults',
			label: 'faults 1-in-7 500',
			documents: quick ? 200 : 500,
			latencyMs: 5,
			concurrency: 5,
			every: 7,
		},
	];
}
