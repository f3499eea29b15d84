import { inflateSync } from 'node:zlib';

import { buildPdf, buildXml, crc32, stampPng } from './files';
import { isValidCuit, isValidNit, isValidRfc, isValidRuc, isValidRut, nitCheckDigit, rutCheckDigit } from './taxid';

describe('sandbox files', () => {
	it('builds a PDF whose xref offsets point at the objects', () => {
		const pdf = buildPdf(['Factura (No 7)', 'Total: 1785.00']).toString('latin1');
		expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
		expect(pdf.endsWith('%%EOF\n')).toBe(true);
		expect(pdf).toContain('(Factura \\(No 7\\)) Tj');
		const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(pdf)![1]);
		expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
		const entries = pdf.slice(startxref).split('\n').slice(3, 8);
		entries.forEach((entry, i) => {
			const offset = Number(entry.slice(0, 10));
			expect(pdf.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
		});
		const length = Number(/\/Length (\d+) >>\nstream\n/.exec(pdf)![1]);
		const streamStart = pdf.indexOf('stream\n') + 'stream\n'.length;
		expect(pdf.slice(streamStart + length, streamStart + length + '\nendstream'.length)).toBe('\nendstream');
	});

	it('builds a PNG with valid chunk CRCs', () => {
		const png = stampPng(1234);
		let offset = 8;
		const types: string[] = [];
		while (offset < png.length) {
			const len = png.readUInt32BE(offset);
			const type = png.subarray(offset + 4, offset + 8);
			const data = png.subarray(offset + 8, offset + 8 + len);
			expect(png.readUInt32BE(offset + 8 + len)).toBe(crc32(Buffer.concat([type, data])));
			if (type.toString() === 'IDAT') expect(inflateSync(data).length).toBe(8 * 25);
			types.push(type.toString());
			offset += 12 + len;
		}
		expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
		expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
	});

	it('escapes XML', () => {
		const xml = buildXml({
			country: 'CO',
			taxBureau: 'DIAN',
			documentTypeName: 'Factura',
			taxBureauCode: '01',
			documentNumber: 1,
			documentId: 5,
			issueDate: '2025-01-01',
			issuerTaxId: '860517022-2',
			receiverTaxId: '860517022-2',
			receiverName: 'A & B <"SAS">',
			netAmount: 1,
			taxesAmount: 0,
			totalAmount: 1,
		});
		expect(xml).toContain('name="A &amp; B &lt;&quot;SAS&quot;&gt;"');
	});
});

describe('sandbox tax id checks', () => {
	it('Chilean RUT', () => {
		expect(rutCheckDigit('76399932')).toBe('7');
		expect(isValidRut('76399932-7')).toBe(true);
		expect(isValidRut('66666666-6')).toBe(true);
		expect(isValidRut('11111111-1')).toBe(true);
		expect(isValidRut('76399932-8')).toBe(false);
		expect(isValidRut('76.399.932-7')).toBe(false);
		expect(isValidRut('763999327')).toBe(false);
		// check digit K, either case
		expect(rutCheckDigit('10000013')).toBe('K');
		expect(isValidRut('10000013-k')).toBe(true);
		expect(isValidRut('10000013-K')).toBe(true);
		expect(isValidRut('10000013-0')).toBe(false);
	});

	it('Colombian NIT, Peruvian RUC, Argentine CUIT, Mexican RFC', () => {
		expect(nitCheckDigit('860517022')).toBe(2);
		expect(isValidNit('860517022-2')).toBe(true);
		expect(isValidNit('1097491385-1')).toBe(true);
		expect(isValidNit('860517022')).toBe(true);
		expect(isValidNit('860517022-5')).toBe(false);
		expect(isValidRuc('20610383727')).toBe(true);
		expect(isValidRuc('20610383720')).toBe(false);
		expect(isValidCuit('20357265992')).toBe(true);
		expect(isValidCuit('20-35726599-2')).toBe(true);
		expect(isValidCuit('20357265991')).toBe(false);
		expect(isValidRfc('EKU9003173C9')).toBe(true);
		expect(isValidRfc('XAXX010101000')).toBe(true);
		expect(isValidRfc('EKU900317')).toBe(false);
	});
});
