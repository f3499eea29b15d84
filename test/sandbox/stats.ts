/**
 * Counters behind stats() and GET /__sandbox/stats.
 */
import type { SandboxStats } from './types';

/** What the sandbox counts; the store supplies documentsStored and duplicates. */
export type Counters = Omit<SandboxStats, 'documentsStored' | 'duplicates'>;

export function zeroCounters(): Counters {
	return {
		requests: 0,
		authCalls: 0,
		createAttempts: 0,
		creates: 0,
		rateLimited: 0,
		unauthorized: 0,
		serverErrors: 0,
		reads: 0,
		maxInFlight: 0,
		updates: 0,
		cancellations: 0,
		cancellationRefusals: 0,
		deletes: 0,
		previews: 0,
		statusChanges: 0,
		webhookDeliveries: 0,
		webhookDeliveryFailures: 0,
		seeded: 0,
		listGrowthInserts: 0,
		echoedErrors: 0,
	};
}
