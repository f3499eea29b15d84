import type { INodeProperties } from 'n8n-workflow';

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

/** The Options collection of an operation: its own options first, then the pacing and retry options. */
export function operationOptions(own: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...own, ...transportOptions],
	};
}
