/**
 * Public entry of the Koywe sandbox (dev tooling; never part of dist).
 *
 *   const sandbox = await startSandbox({ faults: { forced429: 2 } });
 *   sandbox.baseUrl // http://127.0.0.1:PORT/V1
 *   await sandbox.stop();
 */
export { DEMO_ACCOUNTS, DOCUMENT_TYPES, COUNTRIES } from './data';
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
export type {
	AmbiguousCreateFault,
	AmbiguousMode,
	CountryCode,
	ElectronicDocument,
	Faults,
	ListEnvelope,
	ListItemShape,
	RateLimitFault,
	RetryAfterMode,
	SandboxCredentials,
	SandboxOptions,
	SandboxStats,
	StoredDocument,
} from './types';
