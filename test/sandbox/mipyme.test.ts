import { MIPYME_TRIGGERS } from './index';
import type { KoyweSandbox } from './index';
import { call, setup } from './helpers';

const CERT = Buffer.from('PFX-CERTIFICATE-BYTES-FOR-TESTS').toString('base64');

function params(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		certificate_pfx_base64: CERT,
		certificate_password: 'cert-pass-Zx81',
		tax_id_code: '76399932-7',
		document_type_taxbureau: '33',
		document_number: '12345',
		...overrides,
	};
}

describe('sandbox POST /V1/mipyme_get_document', () => {
	let sb: KoyweSandbox;
	let token: string;
	let url: string;
	beforeEach(async () => {
		({ sb, token } = await setup());
		url = `${sb.baseUrl}/mipyme_get_document`;
	});
	afterEach(async () => {
		await sb.stop();
	});

	it('status 0 returns the document as base64 XML and PDF', async () => {
		const r = await call('POST', url, { token, json: params() });
		expect(r.status).toBe(200);
		expect(r.body.status).toBe(0);
		expect(r.body.error_message).toBe('');
		expect(r.body.document).toMatchObject({ tax_id_code: '76399932-7', document_type_taxbureau: '33', document_number: '12345' });
		const xml = Buffer.from(r.body.document.document_xml, 'base64').toString('utf8');
		expect(xml).toContain('<Folio>12345</Folio>');
		const pdf = Buffer.from(r.body.document.document_pdf, 'base64').toString('latin1');
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		expect(pdf).toContain('No 12345');
		expect(r.text).not.toContain('cert-pass-Zx81');
		expect(r.text).not.toContain(CERT);
	});

	it.each([
		['a missing parameter', params({ document_number: undefined }), /document_number/],
		['a numeric parameter', params({ document_number: 12345 }), /document_number/],
		['an empty password', params({ certificate_password: '' }), /certificate_password/],
		['a certificate that is not base64', params({ certificate_pfx_base64: 'not base64!' }), /base64/],
		['a RUT with a wrong check digit', params({ tax_id_code: '76399932-1' }), /tax_id_code/],
		['a RUT with dots', params({ tax_id_code: '76.399.932-7' }), /tax_id_code/],
		['an unknown SII code', params({ document_type_taxbureau: '99' }), /document_type_taxbureau/],
		['a non-numeric folio', params({ document_number: 'F-12' }), /document_number/],
	])('status 1 for %s', async (_name, body, message) => {
		const r = await call('POST', url, { token, json: body });
		expect(r.status).toBe(200);
		expect(r.body.status).toBe(MIPYME_TRIGGERS.invalidParameters);
		expect(r.body.error_message).toMatch(message);
		expect(r.body.message).toBe(r.body.error_message);
		expect(r.body.document).toBeUndefined();
	});

	it('status 1 for a body that is not an object', async () => {
		expect((await call('POST', url, { token, raw: '[1,2]' })).body.status).toBe(1);
		expect((await call('POST', url, { token })).body.status).toBe(1);
		expect((await call('POST', url, { token, raw: '{oops' })).body.status).toBe(1);
	});

	it('status 2 for the wrong-password trigger and for an EXPIRED certificate', async () => {
		const wrong = await call('POST', url, {
			token,
			json: params({ certificate_password: MIPYME_TRIGGERS.wrongCertificatePassword }),
		});
		expect(wrong.body.status).toBe(2);
		expect(wrong.body.error_message).toMatch(/password/i);
		expect(wrong.text).not.toContain(MIPYME_TRIGGERS.wrongCertificatePassword);
		const expired = await call('POST', url, {
			token,
			json: params({ certificate_pfx_base64: Buffer.from('EXPIRED certificate 2019').toString('base64') }),
		});
		expect(expired.body.status).toBe(2);
		expect(expired.body.error_message).toMatch(/expired/i);
	});

	it('status 3 for the SII login trigger RUT and 5 for the not-found folio', async () => {
		const login = await call('POST', url, { token, json: params({ tax_id_code: MIPYME_TRIGGERS.siiLoginErrorTaxId }) });
		expect(login.body.status).toBe(3);
		expect(login.body.error_message).toMatch(/SII/);
		const missing = await call('POST', url, {
			token,
			json: params({ document_number: MIPYME_TRIGGERS.notFoundDocumentNumber }),
		});
		expect(missing.body.status).toBe(5);
		expect(missing.body.error_message).toMatch(/not found/i);
	});

	it('needs a bearer token and obeys forced 429s; GET is not allowed', async () => {
		expect((await call('POST', url, { json: params() })).status).toBe(401);
		sb.setFaults({ forced429: 1 });
		expect((await call('POST', url, { token, json: params() })).status).toBe(429);
		expect((await call('POST', url, { token, json: params() })).body.status).toBe(0);
		expect((await call('GET', url, { token })).status).toBe(405);
		expect(sb.stats()).toMatchObject({ createAttempts: 0, reads: 0, documentsStored: 0 });
	});
});
