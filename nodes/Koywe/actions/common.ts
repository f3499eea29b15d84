import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { identityKey, normaliseBaseUrl } from '../../../credentials/KoyweApi.credentials';
import {
	CREDENTIAL_TYPE,
	DEFAULT_RETRY_POLICY,
	koyweRequest,
	limiterFor,
	newTrace,
	type KoyweRequest,
	type KoyweClient,
	type KoyweResponse,
	type RequestTrace,
	type TransportSettings,
} from '../transport';

export const DEFAULT_MAX_REQUESTS_PER_SECOND = 5;
export const DEFAULT_CONCURRENCY = 5;
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** Options every operation offers: how the node paces and retries its requests. */
export const transportOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 5,
		description:
			'How many items are sent to Koywe at the same time. Output order always equals input order.',
	},
	{
		displayName: 'Max Requests per Second',
		name: 'maxRequestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 5,
		description:
			'Pace requests so the Koywe rate limit is not hit (0 = no pacing). Koywe asks you to get your IPs whitelisted above 5 documents per second.',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description:
			'How many times a request refused with HTTP 429 (or a failed read) is sent again. A create whose outcome is unknown is never blindly resent.',
	},
	{
		displayName: 'Retry Base Wait (Seconds)',
		name: 'retryBaseSeconds',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 3 },
		default: 30,
		description:
			'First wait after a 429 when Koywe sends no Retry-After header; doubles on each retry, plus a little random jitter. Koywe recommends at least 30 seconds.',
	},
	{
		displayName: 'Max Wait per Retry (Seconds)',
		name: 'retryMaxSeconds',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 3 },
		default: 120,
		description:
			'Longest single wait. When Koywe asks (Retry-After) for a longer wait, the item fails with a clear message instead of blocking the workflow.',
	},
	{
		displayName: 'Request Timeout (Seconds)',
		name: 'requestTimeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 3 },
		default: 60,
		description: 'How long to wait for Koywe to answer one request',
	},
];

export interface RunContext {
	settings: TransportSettings;
	/** Identity of the Koywe account login (base URL, client ID, API user): keys the in-process memories. */
	identity: string;
	concurrency: number;
	/** No token is stored yet: the first item goes alone, so the batch logs in once before it fans out. */
	loginFirst: boolean;
}

function optionNumber(options: IDataObject, name: string, fallback: number): number {
	const value = Number(options[name]);
	return Number.isFinite(value) ? value : fallback;
}

/** Reads the credential's base URL once per execution and the pacing/retry options of the first item. */
export async function createRunContext(this: IExecuteFunctions): Promise<RunContext> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = normaliseBaseUrl(credentials.baseUrl);
	const identity = identityKey(credentials);
	const options = (this.getNodeParameter('options', 0, {}) ?? {}) as IDataObject;
	const rate = optionNumber(options, 'maxRequestsPerSecond', DEFAULT_MAX_REQUESTS_PER_SECOND);
	return {
		identity,
		loginFirst: !credentials.accessToken,
		concurrency: Math.max(1, Math.floor(optionNumber(options, 'concurrency', DEFAULT_CONCURRENCY))),
		settings: {
			baseUrl,
			limiter: limiterFor(identity, Math.max(0, rate)),
			signal: this.getExecutionCancelSignal(),
			retry: DEFAULT_RETRY_POLICY,
			timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
		},
	};
}

/** Transport settings for one item: its own retry and timeout options (they may be expressions). */
export function itemSettings(run: RunContext, options: IDataObject): TransportSettings {
	return {
		...run.settings,
		retry: {
			maxRetries: Math.max(
				0,
				Math.floor(optionNumber(options, 'maxRetries', DEFAULT_RETRY_POLICY.maxRetries)),
			),
			baseMs: Math.max(
				0,
				optionNumber(options, 'retryBaseSeconds', DEFAULT_RETRY_POLICY.baseMs / 1000) * 1000,
			),
			capMs: Math.max(
				0,
				optionNumber(options, 'retryMaxSeconds', DEFAULT_RETRY_POLICY.capMs / 1000) * 1000,
			),
		},
		timeoutMs:
			Math.max(1, optionNumber(options, 'requestTimeoutSeconds', DEFAULT_TIMEOUT_SECONDS)) * 1000,
	};
}

/** Everything an operation needs for one item; it is the Koywe client the endpoint helpers send through. */
export interface ItemContext extends KoyweClient {
	run: RunContext;
	settings: TransportSettings;
	trace: RequestTrace;
	itemIndex: number;
	item: INodeExecutionData;
	/** The item's Options collection (read once). */
	options: IDataObject;
	/** Facts about the item that its error item should carry too (e.g. its reference). */
	annotations: IDataObject;
	send<T = IDataObject>(request: Omit<KoyweRequest, 'itemIndex'>): Promise<KoyweResponse<T>>;
}

export function createItemContext(
	this: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	item: INodeExecutionData,
): ItemContext {
	const options = (this.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
	const settings = itemSettings(run, options);
	const trace = newTrace();
	return {
		run,
		settings,
		trace,
		itemIndex,
		item,
		options,
		annotations: {},
		send: async <T>(request: Omit<KoyweRequest, 'itemIndex'>) =>
			await koyweRequest.call<
				IExecuteFunctions,
				[TransportSettings, KoyweRequest, RequestTrace],
				Promise<KoyweResponse<T>>
			>(this, settings, { ...request, itemIndex }, trace),
	};
}

export type OperationExecute = (
	this: IExecuteFunctions,
	context: ItemContext,
) => Promise<INodeExecutionData[]>;
