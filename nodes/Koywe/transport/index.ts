import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { backoffDelay, formatDuration, parseRetryAfter, type RetryPolicy } from './backoff';
import type { RateLimiter } from './limiter';

export {
	DEFAULT_RETRY_POLICY,
	backoffDelay,
	formatDuration,
	parseRetryAfter,
	type RetryPolicy,
} from './backoff';
export { RateLimiter, limiterFor } from './limiter';

export const CREDENTIAL_TYPE = 'koyweApi';

/** Per-run settings every request of one node execution shares. */
export interface TransportSettings {
	baseUrl: string;
	retry: RetryPolicy;
	timeoutMs: number;
	limiter: RateLimiter;
	signal?: AbortSignal;
}

export interface KoyweRequest {
	method: IHttpRequestMethods;
	/** Path under the base URL, e.g. `/documents`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex: number;
	/**
	 * True when sending the request twice cannot create anything twice (reads, MIPYME look-ups). A request that is
	 * not idempotent is resent only when Koywe certainly did not process it (429, connection refused); when the
	 * outcome is unknown (5xx, timeout, connection dropped) the error says so and the caller reconciles.
	 */
	idempotent: boolean;
	/** What the request does, for messages: "create the document". */
	purpose: string;
}

export interface KoyweResponse<T = IDataObject> {
	body: T;
	statusCode: number;
	headers: IDataObject;
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

export type Outcome = 'failed' | 'unknown';

/** Error context key the create operation reads to decide whether to reconcile by reference. */
export function isOutcomeUnknown(error: unknown): boolean {
	return (error as NodeApiError)?.context?.koyweOutcome === 'unknown';
}

interface Inspected {
	status?: number;
	headers: IDataObject;
	code?: string;
	data?: unknown;
	message: string;
	authFailure?: { message: string; description: string; status?: number };
}

function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' ? (value as IDataObject) : {};
}

/** Pulls status, headers and body out of whatever n8n's request helper threw (a NodeApiError around an AxiosError). */
function inspect(error: unknown): Inspected {
	const outer = asObject(error);
	const cause = asObject(outer.cause);
	const auth = [outer, cause, asObject(cause.cause)].find(
		(candidate) => candidate.koyweAuthFailure === true,
	);
	const response = asObject(cause.response ?? outer.response);
	const statusValue = response.status ?? cause.status ?? outer.httpCode;
	const status =
		statusValue === undefined || statusValue === null ? undefined : Number(statusValue);
	return {
		status: Number.isFinite(status) ? status : undefined,
		headers: asObject(response.headers),
		code: (cause.code ?? outer.code) as string | undefined,
		data: response.data,
		message: String(cause.message ?? outer.message ?? ''),
		authFailure: auth
			? {
					message: String(auth.message),
					description: String(auth.description ?? ''),
					status: auth.httpStatus as number | undefined,
				}
			: undefined,
	};
}

/** Koywe answers errors as `{ error }`, `{ error_message }`, `{ result: { error_message } }` or problem+json. */
export function koyweErrorText(data: unknown): string {
	if (typeof data === 'string') return data.slice(0, 500);
	const body = asObject(data);
	const result = asObject(body.result);
	const candidates = [
		body.error_message,
		result.error_message,
		typeof body.error === 'string' ? body.error : asObject(body.error).message,
		body.detail,
		body.message,
		body.title,
	];
	const found = candidates.find((value) => typeof value === 'string' && value.trim() !== '');
	return found ? String(found).slice(0, 500) : '';
}

/** Bearer tokens in any text Koywe (or a gateway) sends back, whatever the token. */
const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/gi;

/** Replaces the secrets of the credential (token, client secret, password) and any bearer token with ***. */
export function redact(text: string, secrets: unknown[]): string {
	let result = text.replace(BEARER, 'Bearer ***');
	for (const secret of secrets) {
		if (typeof secret === 'string' && secret.length >= 4) result = result.split(secret).join('***');
	}
	return result;
}

/** The credential's secrets, read when an error message is being built (never on the success path). */
export async function credentialSecrets(this: IExecuteFunctions): Promise<unknown[]> {
	try {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		return [credentials.accessToken, credentials.clientSecret, credentials.password];
	} catch {
		return [];
	}
}

const TIMEOUT_CODES = ['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT'];
const DROPPED_CODES = ['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'ECONNABORTED'];
const NOT_SENT_CODES = ['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

type Kind = 'auth' | 'rateLimited' | 'retry' | 'unknown' | 'rejected' | 'cancelled';

function classify(info: Inspected, idempotent: boolean, signal?: AbortSignal): Kind {
	if (signal?.aborted || info.code === 'ERR_CANCELED') return 'cancelled';
	if (info.authFailure) return 'auth';
	if (info.status === 429) return 'rateLimited';
	if (info.status !== undefined) {
		if (info.status >= 500) return idempotent ? 'retry' : 'unknown';
		return 'rejected';
	}
	const code = info.code ?? '';
	const timedOut = TIMEOUT_CODES.includes(code) || /timeout/i.test(info.message);
	if (NOT_SENT_CODES.includes(code)) return 'retry';
	if (
		timedOut ||
		DROPPED_CODES.includes(code) ||
		/socket hang up|aborted|closed/i.test(info.message)
	) {
		return idempotent ? 'retry' : 'unknown';
	}
	return idempotent ? 'retry' : 'unknown';
}

function describeFailure(info: Inspected): string {
	if (info.status !== undefined) return `HTTP ${info.status}`;
	if (TIMEOUT_CODES.includes(info.code ?? '') || /timeout/i.test(info.message))
		return 'no answer before the timeout';
	return info.code ? `connection error ${info.code}` : 'connection error';
}

interface RawResponse {
	body: unknown;
	statusCode: number;
	headers: IDataObject;
}

/**
 * One HTTP exchange. Error statuses other than 401 come back as responses, so their headers (Retry-After) and body
 * are read the same way in every n8n version (n8n 1.x drops the HTTP client's error, headers included, when it
 * wraps it). A 401 must still be thrown for n8n to log in again and resend; where an n8n version returns it
 * instead, the request is sent once more without the option so that n8n's refresh runs.
 */
async function sendOnce(
	this: IExecuteFunctions,
	settings: TransportSettings,
	request: KoyweRequest,
): Promise<
	{ response: RawResponse; info?: undefined } | { response?: undefined; info: Inspected }
> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${settings.baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		timeout: settings.timeoutMs,
		returnFullResponse: true,
		headers: { Accept: 'application/json' },
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
	};
	let info: Inspected;
	try {
		let response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
		)) as RawResponse;
		if (response.statusCode === 401) {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
				...options,
				ignoreHttpStatusErrors: false,
			})) as RawResponse;
		}
		if (response.statusCode < 400) return { response };
		const headers = asObject(response.headers);
		return {
			info: {
				status: response.statusCode,
				headers: Object.fromEntries(
					Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]),
				),
				data: response.body,
				message: `HTTP ${response.statusCode}`,
			},
		};
	} catch (error) {
		info = inspect(error);
	}
	return { info };
}

/**
 * Sends one request to Koywe through n8n's authenticated HTTP helper (which logs in and refreshes the token on a
 * 401), pacing it with the rate limiter and retrying what is safe to retry. This is the only function in the
 * package that sends HTTP.
 */
export async function koyweRequest<T = IDataObject>(
	this: IExecuteFunctions,
	settings: TransportSettings,
	request: KoyweRequest,
	trace: RequestTrace = newTrace(),
): Promise<KoyweResponse<T>> {
	const { retry, signal } = settings;
	const node = this.getNode();
	const itemIndex = request.itemIndex;
	for (let attempt = 1; ; attempt++) {
		await settings.limiter.acquire(signal).catch(() => undefined);
		if (signal?.aborted) {
			throw new NodeOperationError(node, 'The execution was cancelled before Koywe was called', {
				itemIndex,
			});
		}
		trace.attempts++;
		const outcome = await sendOnce.call(this, settings, request);
		if (outcome.response) {
			const { response } = outcome;
			return {
				body: response.body as T,
				statusCode: response.statusCode,
				headers: response.headers ?? {},
			};
		}
		const info = outcome.info;
		if (info.data !== undefined) {
			// Whatever Koywe answered is quoted in messages and kept in the run data: no token may survive in it.
			const secrets = await credentialSecrets.call(this);
			info.data = redact(
				typeof info.data === 'string' ? info.data : JSON.stringify(info.data),
				secrets,
			);
			try {
				info.data = JSON.parse(info.data as string);
			} catch {
				// keep the text
			}
			info.message = redact(info.message, secrets);
		}
		const kind = classify(info, request.idempotent, signal);
		const fail = (options: FailOptions) => koyweApiError(node, info, itemIndex, trace, options);

		if (kind === 'cancelled') {
			throw new NodeOperationError(
				node,
				`The execution was cancelled while trying to ${request.purpose}`,
				{
					itemIndex,
				},
			);
		}
		if (kind === 'auth') {
			const auth = info.authFailure as NonNullable<Inspected['authFailure']>;
			throw fail({
				message: auth.message,
				description: auth.description,
				httpCode: auth.status,
				failure: { cause: 'credential-invalid' },
			});
		}
		const koyweText = koyweErrorText(info.data);
		if (kind === 'rejected') {
			const refused401 = info.status === 401;
			throw fail({
				message: refused401
					? `Koywe refused the access token even after logging in again (HTTP 401${koyweText ? `: ${koyweText}` : ''})`
					: `Koywe could not ${request.purpose} (HTTP ${info.status}${koyweText ? `: ${koyweText}` : ''})`,
				description: refused401
					? 'The API user may lack permission for this account or endpoint. Check the credential and the account ID with Koywe.'
					: describeRejection(info.status as number, koyweText),
			});
		}
		if (kind === 'unknown') {
			throw fail({
				message: `Outcome unknown: Koywe may or may not have processed the request to ${request.purpose} (${describeFailure(info)})`,
				description:
					'The request reached Koywe but no usable answer came back, so it was not sent again: resending could issue the same legal document twice. Set a Reference on the item so the node can look the document up and finish safely, or search Koywe for it before retrying.',
				outcome: 'unknown',
				failure: { cause: 'temporarily-unavailable' },
			});
		}

		// 429, or a failure that is safe to retry.
		const retryAfterMs = parseRetryAfter(info.headers['retry-after']);
		if (kind === 'rateLimited') trace.rateLimited++;
		const label = kind === 'rateLimited' ? 'rate-limited (HTTP 429)' : describeFailure(info);
		if (attempt - 1 >= retry.maxRetries) {
			throw fail({
				message: `Koywe kept answering ${label}: gave up after ${trace.attempts} attempt${trace.attempts === 1 ? '' : 's'} and ${formatDuration(trace.waitedMs)} of waiting`,
				description:
					kind === 'rateLimited'
						? 'Your Koywe contract limits how many requests per second you may send. Lower "Max Requests per Second" or "Concurrency", raise "Max Retries", or spread the batch over time. Above 5 documents per second, ask Koywe to whitelist your server IPs.'
						: `Koywe did not answer successfully. Try again later, or raise "Max Retries" to keep trying longer.${koyweText ? ` Koywe said: ${koyweText}` : ''}`,
				failure:
					kind === 'rateLimited'
						? { cause: 'rate-limited', retryAfterMs }
						: { cause: 'temporarily-unavailable' },
			});
		}
		const waitMs = retryAfterMs ?? backoffDelay(attempt, retry);
		if (waitMs > retry.capMs) {
			throw fail({
				message: `Koywe asked to wait ${formatDuration(waitMs)} before retrying, longer than the ${formatDuration(retry.capMs)} allowed by "Max Wait per Retry"`,
				description:
					'The item was not sent again. Raise "Max Wait per Retry" if the node should wait that long, or run the workflow later.',
				failure: { cause: 'rate-limited', retryAfterMs: waitMs },
			});
		}
		this.logger.info(
			`Koywe: item ${itemIndex} ${label} while trying to ${request.purpose}; waiting ${formatDuration(waitMs)}${retryAfterMs !== undefined ? ' as Koywe asked (Retry-After)' : ''} before attempt ${attempt + 1} of ${retry.maxRetries + 1}`,
		);
		try {
			await sleep(waitMs, signal);
		} catch {
			throw new NodeOperationError(
				node,
				`The execution was cancelled while waiting to retry (${label})`,
				{
					itemIndex,
				},
			);
		}
		trace.waitedMs += waitMs;
	}
}

interface FailOptions {
	message: string;
	description: string;
	httpCode?: number;
	outcome?: Outcome;
	failure?: NodeApiError['failure'];
}

/**
 * Builds the error from a plain summary instead of the HTTP client's error object, which carries the request
 * (headers with the bearer token, and for /auth the passwords). Only status, code and Koywe's own message remain.
 */
function koyweApiError(
	node: ReturnType<IExecuteFunctions['getNode']>,
	info: Inspected,
	itemIndex: number,
	trace: RequestTrace,
	options: FailOptions,
): NodeApiError {
	const status = options.httpCode ?? info.status;
	const summary: JsonObject = { message: options.message };
	if (status !== undefined) summary.httpCode = String(status);
	if (info.code) summary.networkCode = info.code;
	const koyweText = koyweErrorText(info.data);
	if (koyweText) summary.koyweError = koyweText;
	const error = new NodeApiError(node, summary, {
		message: options.message,
		description: options.description,
		httpCode: status !== undefined ? String(status) : undefined,
		itemIndex,
		failure: options.failure,
	});
	// n8n replaces messages that mention a network error code with a generic text; keep ours, it says what to do.
	error.message = options.message;
	error.description = options.description;
	Object.assign(error.context, {
		koyweOutcome: options.outcome ?? 'failed',
		attempts: trace.attempts,
		waitedMs: trace.waitedMs,
	});
	return error;
}

function describeRejection(status: number, koyweText: string): string {
	if (status === 400 || status === 422) {
		return `Koywe rejected the data sent. ${koyweText ? 'Fix what Koywe points out above' : 'Check the document fields'} and run the item again; nothing was issued.`;
	}
	if (status === 403)
		return 'The API user is not allowed to do this for the given account. Check the account ID and the user permissions in Koywe.';
	if (status === 404)
		return 'Koywe has no such resource for this account. Check the ID or number you gave.';
	return 'Check the request data and the Koywe account, then try again.';
}
