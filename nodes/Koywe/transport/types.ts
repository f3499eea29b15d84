import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { RetryPolicy } from './backoff';
import type { RateLimiter } from './limiter';

export const CREDENTIAL_TYPE = 'koyweApi';

/** Per-run settings every request of one node execution shares. */
export interface TransportSettings {
	baseUrl: string;
	retry: RetryPolicy;
	timeoutMs: number;
	limiter: RateLimiter;
	signal?: AbortSignal;
}

/** One call to the Koywe API, as an operation or an endpoint helper describes it. */
export interface KoyweCall {
	method: IHttpRequestMethods;
	/** Path under the base URL, e.g. `/documents`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * True when sending the request twice cannot create anything twice (reads, MIPYME look-ups). A request that is
	 * not idempotent is resent only when Koywe certainly did not process it (429, connection refused); when the
	 * outcome is unknown (5xx, timeout, connection dropped) the error says so and the caller reconciles.
	 */
	idempotent: boolean;
	/** What the request does, for messages: "create the document". */
	purpose: string;
}

/** A call on behalf of one input item (its index goes into every error). */
export interface KoyweRequest extends KoyweCall {
	itemIndex: number;
}

export interface KoyweResponse<T = IDataObject> {
	body: T;
	statusCode: number;
	headers: IDataObject;
}

/**
 * What the endpoint helpers (documents, MIPYME, …) need: a way to send one call for the current item, with its
 * pacing, retries and counters. The item context of the operations implements it; transport never looks further.
 */
export interface KoyweClient {
	send<T = IDataObject>(call: KoyweCall): Promise<KoyweResponse<T>>;
}

/** Counters for one item, copied to its output so a person can see what happened. */
export interface RequestTrace {
	attempts: number;
	/** Time spent waiting after 429s and failed reads (not the client-side pacing). */
	waitedMs: number;
	rateLimited: number;
}

export function newTrace(): RequestTrace {
	return { attempts: 0, waitedMs: 0, rateLimited: 0 };
}
