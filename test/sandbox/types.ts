/**
 * Shared types of the local Koywe Billing API simulator ("sandbox").
 * Dev tooling only: never shipped in dist.
 */

export type CountryCode = 'CL' | 'CO' | 'PE' | 'MX' | 'AR';

export interface SandboxCredentials {
	clientId: string;
	clientSecret: string;
	username: string;
	password: string;
}

export type RetryAfterMode = 'seconds' | 'http-date' | 'none';

export interface RateLimitFault {
	/** Tokens refilled per second (per bearer token). */
	perSecond: number;
	/** Bucket size; defaults to perSecond. */
	burst?: number;
	/** How a 429 advertises the wait. */
	retryAfter: RetryAfterMode;
}

export type AmbiguousMode = '500' | 'destroy' | 'delay';

export interface AmbiguousCreateFault {
	/** Every k-th storing create misbehaves (after it was committed). */
	every: number;
	mode: AmbiguousMode;
	/** Only for mode 'delay' (default 3000 ms). */
	delayMs?: number;
}

export interface Faults {
	latencyMs: number;
	rateLimit: null | RateLimitFault;
	forced429: number;
	forced429RetryAfter: RetryAfterMode;
	forced429RetryAfterSeconds: number;
	revokeTokensAfterCreates: number | null;
	ambiguousCreate: null | AmbiguousCreateFault;
	readErrorEvery: number | null;
	authFailure: boolean;
	folioLimit: number | null;
}

export type ListEnvelope = 'documents' | 'hal' | 'data';
export type ListItemShape = 'simplified' | 'full';

export interface SandboxOptions {
	port?: number;
	host?: string;
	credentials?: SandboxCredentials;
	tokenTtlSeconds?: number;
	listEnvelope?: ListEnvelope;
	listItemShape?: ListItemShape;
	faults?: Partial<Faults>;
}

export interface SandboxStats {
	requests: number;
	authCalls: number;
	createAttempts: number;
	creates: number;
	documentsStored: number;
	duplicates: number;
	rateLimited: number;
	unauthorized: number;
	serverErrors: number;
	reads: number;
	maxInFlight: number;
}

export type JsonObject = Record<string, unknown>;

export interface ElectronicDocument {
	document_xml: string;
	document_pdf?: string;
}

/** What the sandbox keeps for every stored document (GET /__sandbox/documents). */
export interface StoredDocument {
	document_id: number;
	account_id: number;
	country: CountryCode;
	document_type_id: number;
	document_type_taxbureau: string;
	/** Folio; null for drafts and for documents stored without folio (folio exhaustion). */
	document_number: number | null;
	issue_date: string;
	document_status: number;
	/** result.status given when it was created: 0 ok, 2 stored but not sent. */
	result_status: 0 | 2;
	result_message: string;
	/** How the create answer misbehaved, if it did (ambiguousCreate fault). */
	ambiguous: AmbiguousMode | null;
	created_at: string;
	header: JsonObject;
	details: JsonObject[];
	references: JsonObject[] | null;
	global_modifiers: JsonObject[] | null;
	totals: JsonObject;
	options: JsonObject;
	payment_link: JsonObject | null;
	electronic_document: ElectronicDocument | null;
}
