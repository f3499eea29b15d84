/**
 * Public entry of the Koywe sandbox (dev tooling; never part of dist).
 *
 *   const sandbox = await startSandbox({ faults: { forced429: 2 } });
 *   sandbox.baseUrl // http://127.0.0.1:PORT/V1
 *   await sandbox.stop();
 */
export { DEMO_ACCOUNTS, DOCUMENT_TYPES, COUNTRIES, RECEIVED_DOCUMENT_TYPES } from './data';
export type { DocumentTypeInfo, CountryInfo } from './data';
export { MIPYME_TRIGGERS } from './mipyme';
export {
	DEFAULT_AMBIGUOUS_DELAY_MS,
	DEFAULT_FAULTS,
	DEFAULT_PORT,
	DEFAULT_TOKEN_TTL_SECONDS,
	DEMO_CREDENTIALS,
	KoyweSandbox,
	startSandbox,
	validateFaults,
} from './server';
export { DEFAULT_LATE_COMMIT_MS } from './faults';
export { DEFAULT_LIST_GROWTH_MAX, DEFAULT_VERDICT_DELAY_MS, VERDICT_OUTCOMES } from './faultChecks';
export { DEFAULT_CERTIFICATION_STATUS } from './accounts';
export { SAT_CANCEL_ACCEPTED } from './updateRoutes';
export { MAX_SEED } from './seed';
export { CERTIFICATION_EVENT, DOCUMENT_STATUS_EVENT, FIRST_SUBSCRIPTION_ID } from './webhooks';
export type { EmitRequest, EmitResult } from './control';
export type { SeedOptions, SeedResult } from './seed';
export type { StatusPatch } from './status';
export type { Subscription as WebhookSubscription, WebhookDelivery } from './webhooks';
export type {
	AmbiguousCreateFault,
	AmbiguousMode,
	CancelRefusalFault,
	CountryCode,
	EchoRequestFault,
	EchoTarget,
	ElectronicDocument,
	Faults,
	FaultsInput,
	ListEnvelope,
	ListGrowthFault,
	ListItemShape,
	RateLimitFault,
	RateLimitScope,
	RetryAfterMode,
	SandboxCredentials,
	SandboxOptions,
	SandboxStats,
	StoredDocument,
	VerdictMode,
	VerdictOutcome,
	VerdictsConfig,
	WebhookAuth,
	WebhookDuplicateFault,
	WebhookRetryPolicy,
} from './types';
