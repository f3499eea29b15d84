import type { IExecuteFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './types';

/** Bearer tokens in any text Koywe (or a gateway) sends back, whatever the token. */
const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/gi;

/** Shorter values are not treated as secrets: replacing "a" or "12" everywhere would garble the message. */
const MIN_SECRET_LENGTH = 4;

/** Replaces the given secrets and any bearer token with ***. The credential's login errors use it too. */
export function redact(text: string, secrets: readonly unknown[]): string {
	let result = text.replace(BEARER, 'Bearer ***');
	for (const secret of secrets) {
		if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) {
			result = result.split(secret).join('***');
		}
	}
	return result;
}

/**
 * A response body with the secrets taken out, in the shape it came in: whatever Koywe answered is quoted in
 * messages and kept in the run data, so no token may survive in it.
 */
export function redactData(data: unknown, secrets: readonly unknown[]): unknown {
	const redacted = redact(typeof data === 'string' ? data : JSON.stringify(data), secrets);
	try {
		return JSON.parse(redacted);
	} catch {
		return redacted;
	}
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
