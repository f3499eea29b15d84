import {
	COUNTRIES,
	COUNTRY_CODES,
	CURRENCIES,
	DOCUMENT_TYPES,
	DOCUMENT_TYPE_RANGES,
	MIPYME_DOCUMENT_TYPES,
	NON_ISSUING_DOCUMENT_TYPES,
	TAX_ID_TYPES,
	TAX_TYPES,
	CL_REFERENCE_TYPES,
	GENERIC_REFERENCE_CODES,
	countryByCountryId,
	documentTypesFor,
	findCurrency,
	findDocumentType,
	findTaxIdType,
	findTaxType,
	isCountryCode,
	isNoteKind,
	referenceCodesFor,
	taxesFor,
	type CountryCode,
} from '../../../nodes/Koywe/data';
import { validateTaxId } from '../../../nodes/Koywe/validation';

describe('countries', () => {
	it('has the documented Koywe ids', () => {
		const ids = COUNTRY_CODES.map((c) => [c, COUNTRIES[c].countryId, COUNTRIES[c].currencyId, COUNTRIES[c].taxBureau]);
		expect(ids).toEqual([
			['CL', 253, 39, 'SII'],
			['CO', 66, 28, 'DIAN'],
			['PE', 83, 7, 'SUNAT'],
			['MX', 80, 31, 'SAT'],
			['AR', 88, 1, 'ARCA'],
		]);
	});

	it('is consistent with the currency and tax-id tables', () => {
		for (const code of COUNTRY_CODES) {
			const country = COUNTRIES[code];
			expect(country.code).toBe(code);
			const currency = findCurrency(country.currencyId);
			expect(currency?.code).toBe(country.currencyCode);
			expect(findTaxIdType(country.defaultTaxIdType)?.country).toBe(code);
			expect(countryByCountryId(country.countryId)).toBe(code);
		}
	});

	it('keeps the precision each tax authority allows: whole Chilean pesos, Colombian pesos with cents', () => {
		const precision = (code: string) => CURRENCIES.filter((c) => c.code === code).map((c) => [c.decimals, c.fewestDecimals]);
		expect(precision('CLP')).toEqual([[0, 0]]);
		expect(precision('COP')).toEqual([[2, 0]]);
		for (const c of CURRENCIES) {
			expect(c.decimalsSource).not.toBe('');
			if (!c.verified) expect(c.note).toEqual(expect.any(String));
		}
	});

	it('uses valid IANA time zones', () => {
		for (const code of COUNTRY_CODES) {
			expect(() => new Intl.DateTimeFormat('en', { timeZone: COUNTRIES[code].timeZone })).not.toThrow();
		}
	});

	it('recognises country codes', () => {
		expect(isCountryCode('PE')).toBe(true);
		expect(isCountryCode('US')).toBe(false);
		expect(countryByCountryId(89)).toBeUndefined();
	});
});

describe('document types', () => {
	it('lists exactly the issuing ids of each country', () => {
		const ids = (c: CountryCode) => documentTypesFor(c).map((d) => d.id).sort((a, b) => a - b);
		expect(ids('CL')).toEqual([2, 16, 17, 31, 32, 37, 41, 46, 47, 48, 54]);
		expect(ids('CO')).toEqual([82, 83, 84, 87, 88]);
		expect(ids('PE')).toEqual([96, 97, 98, 99, 100, 101, 109, 155]);
		expect(ids('MX')).toEqual([76, 77, 78]);
		expect(ids('AR')).toEqual([111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125]);
	});

	it('has unique ids, none of them also listed as non-issuing', () => {
		const ids = DOCUMENT_TYPES.map((d) => d.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const n of NON_ISSUING_DOCUMENT_TYPES) expect(ids).not.toContain(n.id);
	});

	it('requires references exactly for notes', () => {
		for (const d of DOCUMENT_TYPES) expect([d.id, d.requiresReferences]).toEqual([d.id, isNoteKind(d.kind)]);
	});

	it('marks the Argentine ids never seen in an example as unverified, with an honest name', () => {
		for (const id of [114, 118, 122]) {
			const d = findDocumentType(id);
			expect(d).toMatchObject({ verified: false, kind: 'other', name: `Comprobante ARCA tipo ${id}` });
		}
		expect(findDocumentType(116)?.verified).toBe(false);
	});

	it('finds types by number or numeric string', () => {
		expect(findDocumentType('82')?.name).toBe('Factura electrónica de venta');
		expect(findDocumentType(' 2 ')?.taxBureauCode).toBe('33');
		expect(findDocumentType('x')).toBeUndefined();
	});

	it('keeps every issuing id inside its country range, except Peru 155', () => {
		for (const d of DOCUMENT_TYPES) {
			const range = DOCUMENT_TYPE_RANGES[d.country];
			const inside = d.id >= range.from && d.id <= range.to;
			expect([d.id, inside]).toEqual([d.id, d.id !== 155]);
		}
	});

	it('maps every MIPYME SII code to a Chilean issuing type with the same SII code', () => {
		expect(MIPYME_DOCUMENT_TYPES.map((m) => m.code)).toEqual(['33', '34', '39', '41', '46', '52', '56', '61', '110', '111', '112']);
		for (const m of MIPYME_DOCUMENT_TYPES) {
			const d = findDocumentType(m.koyweDocumentTypeId);
			expect(d?.country).toBe('CL');
			expect(d?.taxBureauCode).toBe(m.code);
		}
	});
});

describe('taxes', () => {
	it('has the documented ids per country', () => {
		const ids = (c: CountryCode) => taxesFor(c).map((t) => t.id);
		expect(ids('CL')).toEqual([387]);
		expect(ids('CO')).toEqual([388, 397]);
		expect(ids('MX')).toEqual(Array.from({ length: 27 }, (_, i) => 360 + i));
		expect(ids('PE')).toEqual(Array.from({ length: 18 }, (_, i) => 412 + i));
		expect(ids('AR')).toEqual([474, 475, 484]);
	});

	it('marks withholdings, whose fixed rates are negative', () => {
		for (const t of TAX_TYPES) {
			if (t.percentage !== undefined && t.percentage < 0) expect(t.withholding).toBe(true);
			if (t.percentage !== undefined && t.percentage > 0) expect(t.withholding).toBe(false);
		}
		expect(findTaxType(365)).toMatchObject({ percentage: -16, withholding: true });
		expect(findTaxType(363)?.withholding).toBe(true);
		expect(findTaxType('397')).toMatchObject({ withholding: true, kind: 'variable' });
		expect(findTaxType(376)?.kind).toBe('fixedAmount');
		expect(findTaxType(387)).toMatchObject({ percentage: 19, vat: true });
	});
});

describe('currencies, tax-id types and reference codes', () => {
	it('has unique currency ids', () => {
		const ids = CURRENCIES.map((c) => c.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(findCurrency(5)?.code).toBe('USD');
	});

	it('gives each tax-id type an example that passes its own check', () => {
		expect(TAX_ID_TYPES.map((t) => t.code)).toEqual(['CL-RUT', 'CO-NIT', 'CO-NOP', 'PE-RUC', 'PE-DNI', 'MX-RFC', 'AR-CUIT', 'US-EIN', 'US-SSN']);
		for (const t of TAX_ID_TYPES) expect([t.code, validateTaxId(t.code, t.example)]).toEqual([t.code, null]);
	});

	it('has the generic reference codes 1–7 and the Chilean reference types 801–815', () => {
		expect(GENERIC_REFERENCE_CODES.map((r) => r.code)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(CL_REFERENCE_TYPES.map((r) => r.code)).toEqual(Array.from({ length: 15 }, (_, i) => 801 + i));
		expect(CL_REFERENCE_TYPES.find((r) => r.code === 802)?.name).toBe('Nota de pedido');
	});

	it('offers Peru its SUNAT string codes per note direction', () => {
		expect(referenceCodesFor('PE')[0].code).toBe('01');
		expect(referenceCodesFor('PE', 'debit').map((r) => r.code)).toContain('03');
		expect(referenceCodesFor('AR').map((r) => r.code)).toEqual(['01']);
		expect(referenceCodesFor('CO').map((r) => r.code)).toEqual([1, 2, 3, 4, 5, 6, 7]);
	});
});

describe('what rests on one source only is marked, with its source', () => {
	it('every document type names its source; the Mexican, Argentine and Peruvian carrier-guide ids rest on one each', () => {
		for (const d of DOCUMENT_TYPES) expect([d.id, d.source.length > 0]).toEqual([d.id, true]);
		const unverified = DOCUMENT_TYPES.filter((d) => !d.verified).map((d) => d.id);
		expect(unverified).toEqual([101, 76, 77, 78, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125]);
	});

	it('only the ids nobody describes warn when used', () => {
		expect(DOCUMENT_TYPES.filter((d) => d.warnOnUse).map((d) => d.id)).toEqual([114, 116, 118, 122]);
	});

	it('every tax names its source; only Chile 387 and Colombia 388 are confirmed by more than one', () => {
		for (const t of TAX_TYPES) expect([t.id, t.source.length > 0]).toEqual([t.id, true]);
		expect(TAX_TYPES.filter((t) => t.verified).map((t) => t.id)).toEqual([387, 388]);
		expect(findTaxType(412)?.rateConflict).toMatch(/16 %.*18 %/);
	});

	it("the country values that rest on one source say so: Mexico's unit and Argentina's currency id", () => {
		expect(Object.keys(COUNTRIES.MX.unverified)).toContain('defaultUnitMeasure');
		expect(COUNTRIES.MX.defaultUnitMeasure).toBe('UN');
		expect(Object.keys(COUNTRIES.AR.unverified)).toContain('currencyId');
		expect(findCurrency(1)?.verified).toBe(false);
	});
});
