/**
 * Shared set-up for engine tests: a sandbox, a stored credential pointing at it, and valid documents.
 */
import type { IDataObject } from 'n8n-workflow';

import { clearMemory } from '../../nodes/Koywe/memory/issuedDocuments';
import { CredentialStore } from '../harness/engine';
import { DEMO_ACCOUNTS, DEMO_CREDENTIALS, startSandbox, type KoyweSandbox, type SandboxOptions } from '../sandbox';

export { DEMO_ACCOUNTS, DEMO_CREDENTIALS };

export async function sandboxWithStore(options: SandboxOptions = {}): Promise<{ sandbox: KoyweSandbox; store: CredentialStore }> {
	const sandbox = await startSandbox({ port: 0, ...options });
	clearMemory();
	return { sandbox, store: storeFor(sandbox) };
}

export function storeFor(sandbox: KoyweSandbox, overrides: IDataObject = {}): CredentialStore {
	return new CredentialStore({
		baseUrl: sandbox.baseUrl,
		clientId: DEMO_CREDENTIALS.clientId,
		clientSecret: DEMO_CREDENTIALS.clientSecret,
		username: DEMO_CREDENTIALS.username,
		password: DEMO_CREDENTIALS.password,
		...overrides,
	});
}

export function today(): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago' }).format(new Date());
}

/** A valid Chilean factura (type 2) for the demo account, with consistent totals. */
export function chileInvoice(overrides: { net?: number } = {}): IDataObject {
	const net = overrides.net ?? 1500;
	const tax = Math.round(net * 0.19);
	return {
		header: {
			account_id: DEMO_ACCOUNTS.CL,
			document_type_id: 2,
			issue_date: today(),
			receiver_tax_id_code: '76399932-7',
			receiver_tax_id_type: 'CL-RUT',
			receiver_legal_name: 'Comercial Los Andes SpA',
			receiver_address: 'Av. Providencia 1234',
			receiver_district: 'Providencia',
			receiver_city: 'Santiago',
			receiver_activity: 'Comercio',
			currency_id: 39,
			payment_conditions: '0',
		},
		details: [
			{
				quantity: 1,
				line_description: 'Servicio de soporte',
				unit_measure: 'UN',
				unit_price: net,
				modifier_amount: 0,
				total_taxes: tax,
				total_amount_line: net + tax,
				taxes: [{ tax_type_id: 387, tax_percentage: 19, tax_amount: tax }],
			},
		],
		totals: { net_amount: net, taxes_amount: tax, total_amount: net + tax },
	};
}

/** Fast retry settings so tests do not wait 30 s (Koywe's production guidance). */
export const FAST_RETRY = { maxRetries: 3, retryBaseSeconds: 0.05, retryMaxSeconds: 5, maxRequestsPerSecond: 0 };

/** Parameters of a JSON-mode Chilean create whose body and reference come from each item. */
export function createFromItems(options: IDataObject = {}): IDataObject {
	return {
		operation: 'create',
		country: 'CL',
		documentType: 2,
		accountId: DEMO_ACCOUNTS.CL,
		inputMode: 'json',
		documentJson: '={{ $json.body }}',
		reference: '={{ $json.reference }}',
		options: { ...FAST_RETRY, ...options },
	};
}

export function invoiceItems(count: number, prefix = 'TXN'): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({
		reference: `${prefix}-${String(index + 1).padStart(4, '0')}`,
		body: chileInvoice({ net: 1000 + index }),
	}));
}
