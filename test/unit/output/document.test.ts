/**
 * The JSON a person reads from a Koywe document, and the files that come with it.
 */
import { fileBaseName, splitDocument } from '../../../nodes/Koywe/output';

const full = {
	document_id: '1234',
	header: { document_number: 77, document_type_id: '2', document_type_taxbureau: '33', account_id: 423, issue_date: '2026-11-21' },
	totals: { total_amount: '1785.00' },
	result: { status: 0 },
	electronic_document: { document_pdf: 'JVBERi0x', document_xml: 'PD94bWw=', stamp_img: '', track_id: 'T1' },
};

describe('the output JSON of a document', () => {
	test('key facts come first, with numeric ids and amounts as numbers', () => {
		const { json } = splitDocument(full);
		expect(Object.keys(json).slice(0, 7)).toEqual([
			'document_id',
			'document_number',
			'document_type_id',
			'document_type_taxbureau',
			'account_id',
			'issue_date',
			'total_amount',
		]);
		expect(json).toEqual(expect.objectContaining({ document_id: 1234, document_type_id: 2, total_amount: 1785 }));
	});

	test('files are listed as available but never embedded as base64', () => {
		const { json, files } = splitDocument(full);
		expect(json.electronic_document).toEqual({ track_id: 'T1', files_available: ['pdf', 'xml'] });
		expect(JSON.stringify(json)).not.toMatch(/JVBER/);
		expect(files).toEqual({ pdf: 'JVBERi0x', xml: 'PD94bWw=' });
	});

	test('the flat list shape gives the same key facts', () => {
		const { json, files } = splitDocument({ document_id: 5, document_number: '9', document_status: 'issued' });
		expect(json).toEqual({ document_id: 5, document_number: '9', document_status: 'issued' });
		expect(files).toEqual({});
	});
});

describe('file names', () => {
	test('country, tax-bureau code and folio: CL-33-77', () => {
		expect(fileBaseName('CL', splitDocument(full).json)).toBe('CL-33-77');
	});

	test('without a tax-bureau code the Koywe type is used, and a draft without folio says so', () => {
		expect(fileBaseName('CO', { document_type_id: 82 })).toBe('CO-82-draft');
		expect(fileBaseName(undefined, { document_id: 9 })).toBe('document-9');
	});

	test('characters a file system could trip over are replaced', () => {
		expect(fileBaseName('PE', { document_type_taxbureau: '01', document_number: 'F001/00000087 x' })).toBe('PE-01-F001_00000087_x');
	});
});
