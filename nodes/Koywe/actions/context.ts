import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	identityKey,
	normaliseBaseUrl,
	type KoyweAuthError,
} from '../../../credentials/KoyweApi.credentials';
import {
	CREDENTIAL_TYPE,
	DEFAULT_RETRY_POLICY,
	koyweRequest,
	limiterFor,
	newTrace,
	type KoyweCall,
	type KoyweClient,
	type KoyweRequest,
	type KoyweResponse,
	type RequestTrace,
	type TransportSettings,
} from '../transport';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_REQUESTS_PER_SECOND,
	DEFAULT_TIMEOUT_SECONDS,
} from './common.descriptions';

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
	let baseUrl: string;
	let identity: string;
	try {
		baseUrl = normaliseBaseUrl(credentials.baseUrl);
		identity = identityKey(credentials);
	} catch (error) {
		// A credential problem, found before any item is sent: reported against the first item, as n8n expects.
		throw new NodeOperationError(this.getNode(), error as KoyweAuthError, {
			itemIndex: 0,
			description: (error as KoyweAuthError).description,
		});
	}
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

export interface ItemAnnotations {
	/** The item's reference (transaction ID), so an error item says which document it was about. */
	reference?: string;
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
	/** Facts about the item that its error item carries too, once they are known. */
	annotations: ItemAnnotations;
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
		send: async <T>(call: KoyweCall) =>
			await koyweRequest.call<
				IExecuteFunctions,
				[TransportSettings, KoyweRequest, RequestTrace],
				Promise<KoyweResponse<T>>
			>(this, settings, { ...call, itemIndex }, trace),
	};
}
