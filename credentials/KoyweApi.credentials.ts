import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { redact } from '../nodes/Koywe/transport/redact';
import { stringOf } from '../nodes/Koywe/shared/values';

export const KOYWE_DEFAULT_BASE_URL = 'https://api-billing.koywe.com/V1';

/**
 * Tokens obtained in this process, per Koywe identity (base URL + client ID + API username; never a secret).
 *
 * n8n calls `preAuthentication` whenever the stored token is empty and after every 401. When a node sends
 * several requests at once, each of them can arrive here at the same moment (all saw an empty token, or all
 * got a 401 for the same revoked token). Without coordination every one of them would log in again. Here the
 * first caller logs in and the others wait for that same login; a caller that still holds a token older than
 * the one already obtained gets the newer token without another `/auth` call.
 */
interface TokenEntry {
	token?: string;
	expiresAt?: number;
	pending?: Promise<string>;
}
const tokens = new Map<string, TokenEntry>();

/** Seconds before the announced expiry at which a cached token is no longer handed out. */
const EXPIRY_MARGIN_MS = 60_000;

/** Error raised when Koywe refuses the login; the node recognises it by `koyweAuthFailure` and never retries it. */
export class KoyweAuthError extends Error {
	readonly koyweAuthFailure = true;
	readonly description: string;
	readonly httpStatus?: number;

	constructor(message: string, description: string, httpStatus?: number) {
		super(message);
		this.name = 'KoyweAuthError';
		this.description = description;
		this.httpStatus = httpStatus;
	}
}

/** Checks the base URL: https everywhere, plain http only for a sandbox on this machine. Returns it without a trailing slash. */
export function normaliseBaseUrl(raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new KoyweAuthError(
			`The Koywe Base URL "${text}" is not a valid URL`,
			`Use ${KOYWE_DEFAULT_BASE_URL} for Koywe, your white-label API address, or http://127.0.0.1:<port>/V1 for the local sandbox.`,
		);
	}
	const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
		throw new KoyweAuthError(
			`The Koywe Base URL must start with https:// (got "${url.protocol}//${url.host}")`,
			'Invoices, tokens and passwords must never travel unencrypted. Plain http:// is accepted only for a local sandbox on localhost or 127.0.0.1.',
		);
	}
	return text.replace(/\/+$/, '');
}

export function identityKey(credentials: ICredentialDataDecryptedObject): string {
	return [
		normaliseBaseUrl(credentials.baseUrl),
		String(credentials.clientId ?? ''),
		String(credentials.username ?? ''),
	].join('\n');
}

/** Koywe's error bodies are OAuth-style (`error`, `error_description`) or problem+json (`title`, `detail`). */
function describeAuthRejection(body: unknown): string {
	if (!body || typeof body !== 'object') return typeof body === 'string' ? body.slice(0, 200) : '';
	const data = body as IDataObject;
	const parts = [data.error_description, data.detail, data.message, data.error, data.title]
		.filter((part): part is string => typeof part === 'string' && part.length > 0)
		.filter((part, index, all) => all.indexOf(part) === index);
	return parts.join(' - ').slice(0, 300);
}

/** The login error quotes Koywe's answer; the credential's own secrets are taken out of it first. */
function scrub(message: string, credentials: ICredentialDataDecryptedObject): string {
	const secrets = [credentials.clientSecret, credentials.password, credentials.accessToken];
	return redact(message, secrets.map(stringOf));
}

async function login(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<TokenEntry> {
	const baseUrl = normaliseBaseUrl(credentials.baseUrl);
	let response: { statusCode: number; body: unknown };
	try {
		response = (await helper.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrl}/auth`,
			body: {
				grant_type: 'password',
				client_id: stringOf(credentials.clientId),
				client_secret: stringOf(credentials.clientSecret),
				username: stringOf(credentials.username),
				password: stringOf(credentials.password),
			},
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		const code = stringOf((error as IDataObject)?.code) || 'network error';
		throw new KoyweAuthError(
			`Could not reach Koywe to log in (${code} on POST ${baseUrl}/auth)`,
			'Check the Base URL in the Koywe credential and that this n8n instance can reach it.',
		);
	}
	const status = response.statusCode;
	const body = (response.body ?? {}) as IDataObject;
	if (status >= 200 && status < 300 && typeof body.access_token === 'string' && body.access_token) {
		const lifetimeSeconds = Number(body.expires_in);
		return {
			token: body.access_token,
			expiresAt:
				Number.isFinite(lifetimeSeconds) && lifetimeSeconds > 0
					? Date.now() + lifetimeSeconds * 1000
					: undefined,
		};
	}
	const reason = scrub(describeAuthRejection(response.body), credentials);
	if (status >= 200 && status < 300) {
		throw new KoyweAuthError(
			`Koywe accepted the login (HTTP ${status}) but returned no access token`,
			'Check that the Base URL points at the Koywe Billing API (it ends in /V1).',
			status,
		);
	}
	if (status === 429) {
		throw new KoyweAuthError(
			`Koywe is rate-limiting logins (HTTP 429${reason ? `: ${reason}` : ''})`,
			'Too many /auth calls from this IP. Wait a few minutes; this node reuses one token for 60 minutes, so this usually means other systems share the same IP or credentials.',
			status,
		);
	}
	throw new KoyweAuthError(
		`Koywe rejected the API credentials (HTTP ${status}${reason ? `: ${reason}` : ''})`,
		'Check the Client ID, Client Secret, API Username and API Password in the Koywe credential. They are the API credentials Koywe issued for your account, not your web login. Also check that the Base URL is the environment (sandbox or production) those credentials belong to.',
		status,
	);
}

/** Logs in at most once at a time per Koywe identity; see `tokens` above. */
export async function obtainAccessToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const key = identityKey(credentials);
	const entry = tokens.get(key) ?? {};
	tokens.set(key, entry);
	if (entry.pending) return await entry.pending;
	const held = stringOf(credentials.accessToken);
	const fresh = entry.expiresAt === undefined || entry.expiresAt - EXPIRY_MARGIN_MS > Date.now();
	if (entry.token && entry.token !== held && fresh) return entry.token;

	entry.pending = login(helper, credentials).then(
		(obtained) => {
			entry.token = obtained.token;
			entry.expiresAt = obtained.expiresAt;
			entry.pending = undefined;
			return obtained.token as string;
		},
		(error: unknown) => {
			entry.pending = undefined;
			throw error;
		},
	);
	return await entry.pending;
}

export class KoyweApi implements ICredentialType {
	name = 'koyweApi';

	displayName = 'Koywe Billing API';

	icon: Icon = { light: 'file:koywe.svg', dark: 'file:koywe.dark.svg' };

	documentationUrl = 'https://github.com/koywe-community/n8n-nodes-koywe#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: KOYWE_DEFAULT_BASE_URL,
			required: true,
			placeholder: KOYWE_DEFAULT_BASE_URL,
			description:
				'Address of the Koywe Billing API, ending in /V1. Keep the default for Koywe; use your white-label address if your provider gave you one, or http://127.0.0.1:8787/V1 for the local sandbox. Only https:// is accepted, except for localhost.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The client_id Koywe issued for API access (for the Koywe demo environment it looks like demo/001)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client_secret that came with the Client ID',
		},
		{
			displayName: 'API Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description:
				'The API username Koywe gave you. It is not the e-mail you use to log in to the Koywe web app.',
		},
		{
			displayName: 'API Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The password of the API username (not your web-app password)',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return { accessToken: await obtainAccessToken(this, credentials) };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: '/documents',
			qs: { per_page: 1 },
		},
	};
}
