/**
 * The texts of a document: characters no tax document may carry, and lengths as Koywe and the tax authorities
 * publish them (warnings) or beyond any sane value (errors).
 */
import * as fs from 'fs';
import * as path from 'path';

import { TEXT_FIELD_LIMITS } from '../../../nodes/Koywe/data';
import { validateDocumentBody } from '../../../nodes/Koywe/validation';

type Obj = Record<string, any>;
const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'koywe-examples');
const fixture = (name: string): Obj => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));

describe('characters a tax document must never carry', () => {
	it.each([
		['a NUL byte', 'Comercial\u0000Andes', 'U+0000'],
		['an escape', 'Comercial\u001b[31mAndes', 'U+001B'],
		['DEL', 'Comercial\u007fAndes', 'U+007F'],
		['a C1 control', 'Comercial\u0085Andes', 'U+0085'],
	])('%s in the receiver name is refused, naming the character and where it is', (_, name, code) => {
		const body = fixture('cl-invoice-2-reference-802');
		body.header.receiver_legal_name = name;
		const { issues } = validateDocumentBody(body, { country: 'CL' });
		expect(issues).toEqual([
			{ path: 'header.receiver_legal_name', message: expect.stringContaining(`control character (${code}) at character 10`) },
		]);
	});

	it.each(['\u202e', '\u202a', '\u2066', '\u2069'])('a bidirectional override (%j) is refused: it makes the printed text lie', (char) => {
		const body = fixture('co-invoice-82');
		body.details[0].line_description = `Servicio ${char}0001 latot`;
		expect(validateDocumentBody(body, { country: 'CO' }).issues).toEqual([
			{ path: 'details[0].line_description', message: expect.stringContaining('bidirectional control character') },
		]);
	});

	it('is found in any text of the body, also in blocks this node does not know', () => {
		const body = fixture('pe-remission-guide-100');
		body.header.additional.pe_shipping.delivery_address.address = 'Av. Lima\u0000 123';
		expect(validateDocumentBody(body, { country: 'PE' }).issues.map((issue) => issue.path)).toEqual([
			'header.additional.pe_shipping.delivery_address.address',
		]);
	});

	it('line breaks and tabs are fine in a long description and in observations', () => {
		const body = fixture('co-invoice-82');
		body.details[0].long_description = 'Primera línea\r\nSegunda\tlínea';
		body.header.observations = 'Pago a 30 días.\nGracias.';
		const result = validateDocumentBody(body, { country: 'CO' });
		expect(result.issues).toEqual([]);
		expect(result.warnings.filter((w) => /line break/.test(w))).toEqual([]);
	});

	it('a line break in an address is sent, with a warning saying how to remove it', () => {
		const body = fixture('co-invoice-82');
		body.header.receiver_address = 'Calle 10 # 5-20\nBogotá';
		const result = validateDocumentBody(body, { country: 'CO' });
		expect(result.issues).toEqual([]);
		expect(result.warnings).toContainEqual(expect.stringMatching(/header\.receiver_address contains a line break.*replace/));
	});
});

describe('lengths', () => {
	it('a 2 MB legal name is refused as a mapping mistake', () => {
		const body = fixture('co-invoice-82');
		body.header.receiver_legal_name = 'A'.repeat(2 * 1024 * 1024);
		expect(validateDocumentBody(body, { country: 'CO' }).issues).toEqual([
			{ path: 'header.receiver_legal_name', message: expect.stringMatching(/has 2097152 characters.*sanity bound/) },
		]);
	});

	it("a foreign receiver's id of 5000 characters is refused although foreign ids only warn about their format", () => {
		const body = fixture('cl-export-invoice-46-foreign-receiver');
		body.header.receiver_tax_id_code = '9'.repeat(5000);
		expect(validateDocumentBody(body, { country: 'CL' }).issues.map((issue) => issue.path)).toEqual(['header.receiver_tax_id_code']);
	});

	it("a Chilean receiver name over the SII's 100 characters is sent with a warning that names the source", () => {
		const body = fixture('cl-invoice-2-reference-802');
		body.header.receiver_legal_name = 'Sociedad '.repeat(12);
		const result = validateDocumentBody(body, { country: 'CL' });
		expect(result.issues).toEqual([]);
		expect(result.warnings).toContainEqual(expect.stringMatching(/header\.receiver_legal_name has 108 characters; SII \(Formato DTE, RznSocRecep\) allows 100/));
	});

	it('the same long name in Colombia, where no limit is published, passes without a remark', () => {
		const body = fixture('co-invoice-82');
		body.header.receiver_legal_name = 'Sociedad '.repeat(12);
		expect(validateDocumentBody(body, { country: 'CO' }).warnings.filter((w) => w.includes('receiver_legal_name'))).toEqual([]);
	});

	it("a Chilean 802 transaction ID longer than the SII's 18-character folio field warns", () => {
		const body = fixture('cl-invoice-2-reference-802');
		body.references[0].reference_number = '5f0c8a4e-8d2b-4c1a-9e7f-3b6d2a1c0e9f';
		expect(validateDocumentBody(body, { country: 'CL' }).warnings).toContainEqual(
			expect.stringContaining('references[0].reference_number has 36 characters; SII (Formato DTE, FolioRef) allows 18'),
		);
	});

	it('every sanity bound is above every published limit of its field', () => {
		for (const limit of TEXT_FIELD_LIMITS) {
			for (const published of limit.published) expect([limit.field, published.max < limit.sanityMax]).toEqual([limit.field, true]);
		}
	});
});
