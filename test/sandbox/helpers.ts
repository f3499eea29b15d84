/**
 * Helpers for the sandbox contract tests (undici client, sample bodies).
 */
import { request } from 'undici';

import { DEMO_ACCOUNTS, DEMO_CREDENTIALS, startSandbox } from './index';
import type { KoyweSandbox, SandboxOptions } from './index';

export type Json = any;

export interface HttpResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	body: Json;
}

export async function call(
	method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
	url: string,
	opts: { token?: string; json?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
	const headers: Record<string, string> = { accept: '*/*', ...(opts.headers ?? {}) };
	let body: string | undefined;
	if (opts.json !== undefined) {
		body = JSON.stringify(opts.json);
		headers['content-type'] = 'application/json';
	} else if (opts.raw !== undefined) {
		body = opts.raw;
		headers['content-type'] ??= 'application/json';
	}
	if (opts.token) headers.authorization = `Bearer ${opts.token}`;
	const res = await request(url, { method, headers, body });
	const text = await res.body.text();
	let parsed: Json = undefined;
	try {
		parsed = text === '' ? undefined : JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: res.statusCode, headers: res.headers, text, body: parsed };
}

export function authBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		grant_type: 'password',
		client_id: DEMO_CREDENTIALS.clientId,
		client_secret: DEMO_CREDENTIALS.clientSecret,
		username: DEMO_CREDENTIALS.username,
		password: DEMO_CREDENTIALS.password,
		...overrides,
	};
}

export async function login(sb: KoyweSandbox): Promise<string> {
	const r = await call('POST', `${sb.baseUrl}/auth`, { json: authBody() });
	if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.text}`);
	return r.body.access_token as string;
}

/** Starts a sandbox on an ephemeral port and logs in. */
export async function setup(options: SandboxOptions = {}): Promise<{ sb: KoyweSandbox; token: string }> {
	const sb = await startSandbox({ port: 0, ...options });
	const token = await login(sb);
	return { sb, token };
}

export function line(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		quantity: 1,
		line_description: 'Servicio de prueba',
		unit_measure: 'UN',
		unit_price: 1500,
		total_taxes: 285,
		total_amount_line: 1785,
		taxes: [{ tax_type_id: '387', tax_percentage: 19, tax_amount: 285 }],
		...overrides,
	};
}

export function chileInvoice(
	opts: { header?: Record<string, unknown>; ref?: string; details?: unknown[]; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
	return {
		header: {
			account_id: DEMO_ACCOUNTS.CL,
			document_type_id: '2',
			received_issued_flag: 1,
			issue_date: '2025-01-07',
			issuer_tax_id_code: '76399932-7',
			issuer_tax_id_type: 'CL-RUT',
			receiver_tax_id_code: '76399932-7',
			receiver_tax_id_type: 'CL-RUT',
			receiver_legal_name: 'Cliente Demo Ltda',
			currency_id: 39,
			...(opts.header ?? {}),
		},
		details: opts.details ?? [line()],
		...(opts.ref
			? {
					references: [
						{ reference_type: 802, reference_number: opts.ref, reference_code: 5, description: 'Internal transaction ID' },
					],
				}
			: {}),
		totals: { net_amount: 1500, taxes_amount: 285, total_amount: 1785 },
		...(opts.extra ?? {}),
	};
}

/** A valid body per country (minimal but complete). */
export function countryDocument(country: keyof typeof DEMO_ACCOUNTS, typeId: number): Record<string, unknown> {
	const receivers: Record<string, [string, string]> = {
		CL: ['76399932-7', 'CL-RUT'],
		CO: ['860517022-2', 'CO-NIT'],
		PE: ['20610383727', 'PE-RUC'],
		MX: ['EKU9003173C9', 'MX-RFC'],
		AR: ['20357265992', 'AR-CUIT'],
	};
	const [code, type] = receivers[country];
	return {
		header: {
			account_id: DEMO_ACCOUNTS[country],
			document_type_id: typeId,
			issue_date: '2025-02-03',
			receiver_tax_id_code: code,
			receiver_tax_id_type: type,
			receiver_legal_name: 'ESCUELA KEMPER URGATE',
		},
		details: [line({ taxes: [] , total_taxes: 0, total_amount_line: 1500 })],
	};
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface ReceivedCall {
	method: string;
	url: string;
	headers: Record<string, string | string[] | undefined>;
	body: Json;
	at: number;
}

/** A local HTTP server that records the webhook calls it gets; `answer` decides each call's status (default 200). */
export async function startReceiver(answer: (call: ReceivedCall, index: number) => number = () => 200): Promise<{
	url: string;
	calls: ReceivedCall[];
	stop: () => Promise<void>;
}> {
	const { createServer } = await import('node:http');
	const calls: ReceivedCall[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: Json;
			try {
				body = JSON.parse(text);
			} catch {
				body = text;
			}
			const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, at: Date.now() };
			calls.push(received);
			res.writeHead(answer(received, calls.length - 1), { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.address() as { port: number }).port;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		calls,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Resolves with the document once a status change makes `done` true (rejects after timeoutMs). */
export function waitForStatus(
	sb: KoyweSandbox,
	documentId: number,
	done: (header: Record<string, unknown>) => boolean,
	timeoutMs = 5000,
): Promise<Record<string, unknown>> {
	const current = sb.documents().find((d) => d.document_id === documentId);
	if (current && done(current.header)) return Promise.resolve(current.header);
	return new Promise((resolve, reject) => {
		const onChange = (doc: { document_id: number; header: Record<string, unknown> }) => {
			if (doc.document_id !== documentId || !done(doc.header)) return;
			clearTimeout(timer);
			sb.events.off('status-change', onChange);
			resolve(doc.header);
		};
		const timer = setTimeout(() => {
			sb.events.off('status-change', onChange);
			reject(new Error(`document ${documentId} did not reach the expected status within ${timeoutMs} ms`));
		}, timeoutMs);
		sb.events.on('status-change', onChange);
	});
}

/** A valid Mexican invoice (type 76) for cancellation tests. */
export function mexicanInvoice(): Record<string, unknown> {
	return countryDocument('MX', 76);
}
