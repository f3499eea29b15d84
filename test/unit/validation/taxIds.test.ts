import {
	cuitCheckDigit,
	nitCheckDigit,
	rucCheckDigit,
	rutCheckDigit,
	checkTaxId,
	validateTaxId,
} from '../../../nodes/Koywe/validation';

describe('validateTaxId', () => {
	describe('CL-RUT', () => {
		it.each(['76399932-7', '66666666-6', '11111111-1', '55555555-5', '10000013-K', '10000013-k', '10000004-0', '1-9'])(
			'accepts %s',
			(rut) => expect(validateTaxId('CL-RUT', rut)).toBeNull(),
		);

		it('rejects a wrong check digit and gives the right one', () => {
			expect(validateTaxId('CL-RUT', '76399932-8')).toMatch(/wrong check digit.*must be 7.*76399932-7/);
			expect(validateTaxId('CL-RUT', '10000013-1')).toMatch(/must be K/);
		});

		it('rejects dots and says to write it without them', () => {
			expect(validateTaxId('CL-RUT', '76.399.932-7')).toMatch(/without dots, e\.g\. 76399932-7/);
		});

		it('rejects a missing hyphen and shows the fixed form', () => {
			expect(validateTaxId('CL-RUT', '763999327')).toMatch(/no hyphen.*76399932-7/);
		});

		it.each(['', '   ', ' 76399932-7', '76399932 -7', 'ABC-1', '123456789-1'])('rejects %p', (rut) => {
			expect(validateTaxId('CL-RUT', rut)).not.toBeNull();
		});
	});

	describe('CO-NIT', () => {
		it.each(['860517022-2', '1097491385-1', '800197268-4', '899999068-1', '900123456-8', '860517022', '872055616'])(
			'accepts %s',
			(nit) => expect(validateTaxId('CO-NIT', nit)).toBeNull(),
		);

		it('rejects a wrong verification digit and gives the right one', () => {
			expect(validateTaxId('CO-NIT', '860517022-3')).toMatch(/verification digit.*860517022-2/);
		});

		it.each(['860.517.022-2', '860517022-22', 'NIT860517022', '860517022-'])('rejects %p', (nit) => {
			expect(validateTaxId('CO-NIT', nit)).not.toBeNull();
		});
	});

	describe('CO-NOP', () => {
		it('accepts any non-empty foreign id', () => {
			expect(validateTaxId('CO-NOP', '872055616')).toBeNull();
			expect(validateTaxId('CO-NOP', 'P-12 AB/3')).toBeNull();
		});
		it('rejects an empty id', () => {
			expect(validateTaxId('CO-NOP', '')).toMatch(/empty/);
		});
	});

	describe('PE-RUC', () => {
		it.each(['20610383727', '20100070970', '10460278975', '20100000050', '20100000131'])('accepts %s', (ruc) =>
			expect(validateTaxId('PE-RUC', ruc)).toBeNull(),
		);

		it('rejects a wrong check digit', () => {
			expect(validateTaxId('PE-RUC', '20610383728')).toMatch(/last digit must be 7/);
		});

		it('rejects an unknown prefix', () => {
			expect(validateTaxId('PE-RUC', '30610383727')).toMatch(/10, 15, 17 or 20/);
		});

		it.each(['2061038372', '206103837271', '20610383-727', 'RUC20610383'])('rejects %p', (ruc) => {
			expect(validateTaxId('PE-RUC', ruc)).toMatch(/11 digits/);
		});
	});

	describe('PE-DNI', () => {
		it('accepts 8 digits', () => expect(validateTaxId('PE-DNI', '12345678')).toBeNull());
		it.each(['1234567', '123456789', '1234567A'])('rejects %p', (dni) => {
			expect(validateTaxId('PE-DNI', dni)).toMatch(/8 digits/);
		});
	});

	describe('MX-RFC', () => {
		it.each(['EKU9003173C9', 'XAXX010101000', 'XEXX010101000', 'GODE561231GR8', 'ABCD000229XX1', 'ÑAB800101AB1', 'A&B800101AB1'])(
			'accepts %s',
			(rfc) => expect(validateTaxId('MX-RFC', rfc)).toBeNull(),
		);

		it('rejects lower case and shows the upper-case form', () => {
			expect(validateTaxId('MX-RFC', 'eku9003173c9')).toMatch(/capital letters.*EKU9003173C9/);
		});

		it('rejects hyphens and spaces', () => {
			expect(validateTaxId('MX-RFC', 'EKU-900317-3C9')).toMatch(/spaces or hyphens/);
		});

		it.each([
			['EKU9013173C9', /not a valid date/],
			['EKU9002303C9', /not a valid date/],
			['ABCD010229XX1', /not a valid date/],
			['EKU9003173CZ', /expected format/],
			['EK9003173C9', /expected format/],
			['ABCDE9003173C9', /expected format/],
		])('rejects %s', (rfc, pattern) => {
			expect(validateTaxId('MX-RFC', rfc)).toMatch(pattern);
		});
	});

	describe('AR-CUIT', () => {
		it.each(['20357265992', '20-35726599-2', '30500010912', '20111111112', '20000000060'])('accepts %s', (cuit) =>
			expect(validateTaxId('AR-CUIT', cuit)).toBeNull(),
		);

		it('rejects a wrong check digit', () => {
			expect(validateTaxId('AR-CUIT', '20357265993')).toMatch(/last digit must be 2/);
		});

		it('rejects a number for which no check digit exists', () => {
			expect(validateTaxId('AR-CUIT', '20000000011')).toMatch(/cannot be valid/);
		});

		it.each(['2035726599', '20.35726599.2', '20-357265992', '203572659921'])('rejects %p', (cuit) => {
			expect(validateTaxId('AR-CUIT', cuit)).toMatch(/11 digits/);
		});
	});

	describe('types without a rule', () => {
		it.each([
			['US-EIN', '12-3456789'],
			['US-SSN', 'anything'],
			['XX-UNKNOWN', '???'],
			['cl-rut', '1.2.3'],
			['toString', 'x'],
			['__proto__', 'x'],
		])('%s is never rejected', (type, code) => {
			expect(validateTaxId(type, code)).toBeNull();
		});
	});
});

describe('check-digit helpers', () => {
	it('compute the documented test ids', () => {
		expect(rutCheckDigit('76399932')).toBe('7');
		expect(nitCheckDigit('860517022')).toBe(2);
		expect(rucCheckDigit('2061038372')).toBe(7);
		expect(cuitCheckDigit('2035726599')).toBe(2);
		expect(cuitCheckDigit('2000000001')).toBeNull();
	});
});

describe('tax ids that pass the check digit but are not real', () => {
	it.each([
		['CL-RUT', '0-0'],
		['CL-RUT', '00000000-0'],
		['CO-NIT', '0'],
		['CO-NIT', '000000000-0'],
		['AR-CUIT', '00000000000'],
	])('%s %s is refused', (type, code) => {
		expect(validateTaxId(type, code)).toMatch(/not a real|zeros|prefix/);
	});

	it.each(['20357265992', '23000000019', '24000000015', '27000000014', '30500010912', '33000000014', '34000000010'])(
		'a CUIT with a prefix ARCA issues (%s) passes',
		(cuit) => {
			expect(checkTaxId('AR-CUIT', cuit)).toEqual({});
		},
	);

	it('a CUIT whose prefix ARCA does not issue is refused, listing the prefixes', () => {
		expect(validateTaxId('AR-CUIT', '21000000016')).toMatch(/starts with 21.*20, 23, 24, 27, 30, 33 or 34/);
	});

	it("a 'CUIT país' (50, 51, 55: foreign receivers on export invoices) only warns", () => {
		const result = checkTaxId('AR-CUIT', '55000002207');
		expect(result.issue).toBeUndefined();
		expect(result.warning).toMatch(/CUIT país/);
	});
});

describe('the RUC prefix 16', () => {
	it('is not refused: SUNAT does not confirm it, several validators accept it, so it only warns', () => {
		const code = `1612345678${rucCheckDigit('1612345678')}`;
		expect(validateTaxId('PE-RUC', code)).toBeNull();
		expect(checkTaxId('PE-RUC', code).warning).toMatch(/16/);
	});
});
