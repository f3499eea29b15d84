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

export type AmbiguousMode = '500' | 'destroy' | 'delay' | 'late-commit';

export interface AmbiguousCreateFault {
	/** Every k-th storing create misbehaves (after it was committed; 'late-commit': before it is). */
	every: number;
	mode: AmbiguousMode;
	/** Only for mode 'delay' (default 3000 ms). */
	delayMs?: number;
	/** Only for mode 'late-commit': ms after the request was received at which the document is stored (default 1500). */
	commitDelayMs?: number;
	/**
	 * Only for mode 'late-commit': ms after the request was received at which the 201 is sent (>= commitDelayMs);
	 * null or absent: never answered (the request hangs until the client gives up).
	 */
	answerDelayMs?: number | null;
}

/** Who shares a rate-limit bucket: each bearer token, or every token of the same API user (the account's limit). */
export type RateLimitScope = 'token' | 'account';

/** Which requests echoRequestOnError may hit (requests with a body only). */
export type EchoTarget = 'auth' | 'documents' | 'mipyme' | 'webhook_subscriptions';

export interface EchoRequestFault {
	/** HTTP status of the echoing error (400–599). */
	status: number;
	/** Every k-th eligible request (default 1: all). */
	every?: number;
	/** Length of the message before the echoed body (to put a secret across a client's cut). */
	prefixLength?: number;
	/** Default: every target. */
	on?: EchoTarget[];
}

export interface CancelRefusalFault {
	/** The SAT-like reason (a default says the receiver did not accept the cancellation). */
	message?: string;
	/** 200: the document with result.status 1 (default); 400: {"error": message}. */
	httpStatus?: 200 | 400;
	/** Every k-th cancellation is refused (default 1: all). */
	every?: number;
}

export interface ListGrowthFault {
	/** Documents inserted after each answered page of GET /documents. */
	perPage: number;
	/** At most this many inserted in total since the fault was set (default 100). */
	max?: number;
}

export type VerdictMode = 'auto' | 'async' | 'sync';

export type VerdictOutcome =
	| 'accepted'
	| 'accepted_with_remarks'
	| 'rejected'
	| 'sending_rejected'
	| 'temporary_then_accepted'
	| 'temporary_then_rejected'
	| 'permanent_error'
	| 'pending';

export interface VerdictsConfig {
	/** auto: Chile asynchronous, every other country synchronous (default); async / sync: every country. */
	mode: VerdictMode;
	/** Asynchronous: ms between two status steps (default 200). */
	delayMs: number;
	outcome: VerdictOutcome;
	/** taxbureau_validation_comments for remarks and rejections (a default explains the outcome). */
	comments: string | null;
	/** Temporary sending statuses (101, 102, … at most 110) before the tax bureau receives it (default 0; 2 for temporary_then_*). */
	temporaryRetries: number;
	/** Sending status of outcome permanent_error, 201–206 (default 202). */
	permanentStatus: number;
}

/** How webhook deliveries present the subscription's callback_username / callback_password. */
export type WebhookAuth = 'basic' | 'body' | 'both' | 'none';

export interface WebhookDuplicateFault {
	/** Deliveries of each event (2 = delivered twice). */
	times: number;
	/** ms between two copies. */
	gapMs: number;
}

export interface WebhookRetryPolicy {
	/** Tries per delivery, the first included (1 = no retry). */
	attempts: number;
	/** Wait before the second try; doubled before each further one. */
	delayMs: number;
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
	rateLimitScope: RateLimitScope;
	listErrorEvery: number | null;
	echoRequestOnError: null | EchoRequestFault;
	cancelRefusal: null | CancelRefusalFault;
	listGrowth: null | ListGrowthFault;
	verdicts: null | VerdictsConfig;
	webhookAuth: WebhookAuth;
	webhookDuplicate: null | WebhookDuplicateFault;
	webhookDelayMs: number;
	webhookRetries: WebhookRetryPolicy;
	webhookTimeoutMs: number;
}

/**
 * What setFaults, the faults option and POST /__sandbox/faults accept: any subset of Faults, where `verdicts` may be
 * partial (defaults fill the rest) and `webhookDuplicate` may be `true` (twice, no gap) or `false` (off).
 */
export type FaultsInput = Partial<Omit<Faults, 'verdicts' | 'webhookDuplicate' | 'webhookRetries'>> & {
	verdicts?: Partial<VerdictsConfig> | null;
	webhookDuplicate?: boolean | Partial<WebhookDuplicateFault> | null;
	webhookRetries?: Partial<WebhookRetryPolicy>;
};

export type ListEnvelope = 'documents' | 'hal' | 'data';
export type ListItemShape = 'simplified' | 'full';

export interface SandboxOptions {
	port?: number;
	host?: string;
	credentials?: SandboxCredentials;
	tokenTtlSeconds?: number;
	listEnvelope?: ListEnvelope;
	listItemShape?: ListItemShape;
	faults?: FaultsInput;
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
	/** Drafts changed by PUT /documents/{id}. */
	updates: number;
	/** Mexican documents cancelled by PUT. */
	cancellations: number;
	/** Cancellations refused (cancelRefusal fault). */
	cancellationRefusals: number;
	/** Drafts deleted. */
	deletes: number;
	/** Chilean draft_preview answers (nothing stored). */
	previews: number;
	/** DOCUMENT.STATUSUPDATE events generated (verdict steps, cancellations, control calls), subscribed or not. */
	statusChanges: number;
	/** Webhook HTTP attempts (retries and duplicate copies included). */
	webhookDeliveries: number;
	/** Webhook attempts answered non-2xx or failed on the network. */
	webhookDeliveryFailures: number;
	/** Documents added by POST /__sandbox/seed. */
	seeded: number;
	/** Documents added by the listGrowth fault. */
	listGrowthInserts: number;
	/** Answers of the echoRequestOnError fault. */
	echoedErrors: number;
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
	/** Who made it: the API, POST /__sandbox/seed, or the listGrowth fault. */
	source: 'api' | 'seed' | 'listGrowth';
	created_at: string;
	/** Last PUT of a draft or last status change. */
	updated_at: string | null;
	header: JsonObject;
	details: JsonObject[];
	references: JsonObject[] | null;
	global_modifiers: JsonObject[] | null;
	totals: JsonObject;
	options: JsonObject;
	payment_link: JsonObject | null;
	electronic_document: ElectronicDocument | null;
}
