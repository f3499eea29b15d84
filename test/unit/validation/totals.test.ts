import { checkTotals, computeTotals, findTotalsMismatches, roundHalfUp } from '../../../nodes/Koywe/validation';

type Obj = Record<string, any>;

function line(quantity: number, unit_price: number, taxes: Array<[number, number]> = [], extra: Obj = {}): Obj {
	return {
		quantity,
		line_description: 'Item',
		unit_measure: 'UN',
		unit_price,
		taxes: taxes.map(([tax_type_id, tax_percentage]) => ({ tax_type_id, tax_percentage })),
		...extra,
	};
}

function doc(details: Obj[], header: Obj = {}, rest: Obj = {}): Obj {
	return { header: { document_type_id: 2, issue_date: '2025-01-14', ...header }, details, ...rest };
}

describe('roundHalfUp', () => {
	it('rounds halves away from zero, without binary noise', () => {
		expect(roundHalfUp(2.5, 0)).toBe(3);
		expect(roundHalfUp(-2.5, 0)).toBe(-3);
		expect(roundHalfUp(1.005, 2)).toBe(1.01); // 1.005 * 100 is 100.49999… in binary
		expect(roundHalfUp(0.125, 2)).toBe(0.13);
		expect(roundHalfUp(266.5, 0)).toBe(267);
		expect(roundHalfUp(-0.4, 0)).toBe(0);
	});
});

describe('computeTotals', () => {
	describe('Chile (CLP, whole units)', () => {
		it('rounds the line net and the tax half-up to whole pesos', () => {
			// 1 × 1250.5 = 1250.5 -> 1251; 19% = 237.69 -> 238; total 1489
			const out = computeTotals(doc([line(1, 1250.5, [[387, 19]])]), 'CL');
			expect(out.details[0].taxes[0].tax_amount).toBe(238);
			expect(out.details[0].total_taxes).toBe(238);
			expect(out.details[0].total_amount_line).toBe(1489);
			expect(out.totals).toEqual({ net_amount: 1251, taxes_amount: 238, total_amount: 1489 });
		});

		it('computes document IVA on the sum of the nets (not the sum of rounded line taxes)', () => {
			// three lines of 12: each line 19% = 2.28 -> 2; document 36 × 19% = 6.84 -> 7
			const out = computeTotals(doc([line(1, 12, [[387, 19]]), line(1, 12, [[387, 19]]), line(1, 12, [[387, 19]])]), 'CL');
			expect(out.details.map((l: Obj) => l.total_taxes)).toEqual([2, 2, 2]);
			expect(out.totals).toEqual({ net_amount: 36, taxes_amount: 7, total_amount: 43 });
		});

		it('applies modifier_amount as an absolute amount', () => {
			// 2 × 1000 - 150 = 1850; 19% = 351.5 -> 352; total 2202
			const out = computeTotals(doc([line(2, 1000, [[387, 19]], { modifier_amount: -150, modifier_percentage: 0 })]), 'CL');
			expect(out.details[0].total_amount_line).toBe(2202);
			expect(out.totals).toEqual({ net_amount: 1850, taxes_amount: 352, total_amount: 2202 });
		});

		it('counts an exempt line (no taxes) in the net without tax', () => {
			// 1000 + 19% = 1190; exempt 500; net 1500, taxes 190, total 1690
			const out = computeTotals(doc([line(1, 1000, [[387, 19]]), line(1, 500)]), 'CL');
			expect(out.details[1].total_taxes).toBe(0);
			expect(out.details[1].total_amount_line).toBe(500);
			expect(out.totals).toEqual({ net_amount: 1500, taxes_amount: 190, total_amount: 1690 });
		});

		it('derives net and VAT from VAT-included prices with options.gross_values', () => {
			// 1000 gross: net 1000 / 1.19 = 840.34 -> 840; VAT 160; net_amount left out
			const out = computeTotals(doc([line(1, 1000, [[387, 19]])], { document_type_id: 37 }, { options: { gross_values: 1 } }), 'CL');
			expect(out.details[0].taxes[0].tax_amount).toBe(160);
			expect(out.details[0].total_amount_line).toBe(1000);
			expect(out.totals).toEqual({ taxes_amount: 160, total_amount: 1000 });
		});

		it('uses 2 decimals for a Chilean document in USD', () => {
			// 3 × 33.333 = 99.999 -> 100.00
			const out = computeTotals(doc([line(3, 33.333)], { document_type_id: 46, currency_id: 5 }), 'CL');
			expect(out.totals).toEqual({ net_amount: 100, taxes_amount: 0, total_amount: 100 });
			const out2 = computeTotals(doc([line(1, 10.555)], { document_type_id: 46, currency_id: 5 }), 'CL');
			expect(out2.totals.net_amount).toBe(10.56);
		});

		it('applies global discounts (DA on taxed lines, DE on exempt lines)', () => {
			// taxed 1000 - 10% = 900, IVA 171; exempt 500 - $100 = 400; net 1300, total 1471
			const body = doc([line(1, 1000, [[387, 19]]), line(1, 500)], {}, {
				globals_discounts_surcharges: [
					{ discount_surcharge_code: 'DA', discount_surcharge_value: 10, discount_surcharge_type: '%' },
					{ discount_surcharge_code: 'DE', discount_surcharge_value: 100, discount_surcharge_type: '$' },
				],
			});
			expect(computeTotals(body, 'CL').totals).toEqual({ net_amount: 1300, taxes_amount: 171, total_amount: 1471 });
		});
	});

	describe('Colombia (COP, 2 decimals)', () => {
		it('reproduces the documented invoice: 1500 - 100, IVA 19% = 266, total 1666', () => {
			const out = computeTotals(doc([line(1, 1500, [[388, 19]], { modifier_amount: -100, modifier_percentage: 0 })]), 'CO');
			expect(out.details[0].taxes[0].tax_amount).toBe(266);
			expect(out.details[0].total_amount_line).toBe(1666);
			expect(out.totals).toEqual({ net_amount: 1400, taxes_amount: 266, total_amount: 1666 });
		});

		it('lets a withholding (negative percentage) reduce the total', () => {
			// 1 000 000: IVA 190 000, withholding -2.85% = -28 500; taxes 161 500; total 1 161 500
			const out = computeTotals(doc([line(1, 1000000, [[388, 19], [397, -2.85]])]), 'CO');
			expect(out.details[0].taxes.map((t: Obj) => t.tax_amount)).toEqual([190000, -28500]);
			expect(out.details[0].total_taxes).toBe(161500);
			expect(out.totals).toEqual({ net_amount: 1000000, taxes_amount: 161500, total_amount: 1161500 });
		});

		it('applies modifier_percentage as a percent of quantity × price', () => {
			// 1500 - 10% = 1350; 19% = 256.5 (DIAN keeps the cents); total 1606.5
			const out = computeTotals(doc([line(1, 1500, [[388, 19]], { modifier_percentage: -10 })]), 'CO');
			expect(out.details[0].total_amount_line).toBe(1606.5);
			expect(out.totals).toEqual({ net_amount: 1350, taxes_amount: 256.5, total_amount: 1606.5 });
		});

		it('adds line taxes for the document total (DIAN carries taxes per line)', () => {
			const out = computeTotals(doc([line(1, 12, [[388, 19]]), line(1, 12, [[388, 19]]), line(1, 12, [[388, 19]])]), 'CO');
			// each line 19% of 12 = 2.28, added: 6.84 (Chile would compute 36 × 19% = 6.84 -> 7 on the whole)
			expect(out.totals).toEqual({ net_amount: 36, taxes_amount: 6.84, total_amount: 42.84 });
		});
	});

	describe('Peru (PEN, 2 decimals)', () => {
		it('rounds to cents', () => {
			// 3 × 10.333 = 30.999 -> 31.00; IGV 18% = 5.58; total 36.58
			const out = computeTotals(doc([line(3, 10.333, [[413, 18]])], { document_type_id: 96 }), 'PE');
			expect(out.details[0].taxes[0].tax_amount).toBe(5.58);
			expect(out.totals).toEqual({ net_amount: 31, taxes_amount: 5.58, total_amount: 36.58 });
		});

		it('rounds halves up without binary noise', () => {
			// 1 × 1.005 -> 1.01; IGV 18% = 0.1818 -> 0.18; total 1.19
			const out = computeTotals(doc([line(1, 1.005, [[413, 18]])], { document_type_id: 96 }), 'PE');
			expect(out.totals).toEqual({ net_amount: 1.01, taxes_amount: 0.18, total_amount: 1.19 });
		});
	});

	describe('Mexico (MXN, 2 decimals)', () => {
		it('computes IVA 16% to cents', () => {
			// 3 × 99.99 = 299.97; 16% = 47.9952 -> 48.00; total 347.97
			const out = computeTotals(doc([line(3, 99.99, [[362, 16]])], { document_type_id: 76 }), 'MX');
			expect(out.totals).toEqual({ net_amount: 299.97, taxes_amount: 48, total_amount: 347.97 });
		});

		it('lets IVA and ISR withholdings reduce the total', () => {
			// 1000: IVA +160, ret. IVA -160, ret. ISR -100 -> taxes -100, total 900
			const out = computeTotals(doc([line(1, 1000, [[362, 16], [365, -16], [366, -10]])], { document_type_id: 76 }), 'MX');
			expect(out.details[0].total_taxes).toBe(-100);
			expect(out.totals).toEqual({ net_amount: 1000, taxes_amount: -100, total_amount: 900 });
		});

		it('takes a missing tax_percentage from the tax table and keeps fixed-amount taxes', () => {
			const body = doc([
				{ quantity: 1, unit_price: 100, taxes: [{ tax_type_id: '362' }, { tax_type_id: 376, tax_percentage: 0, tax_amount: 7.5 }] },
			], { document_type_id: 76 });
			const out = computeTotals(body, 'MX');
			expect(out.details[0].taxes[0]).toEqual({ tax_type_id: '362', tax_percentage: 16, tax_amount: 16 });
			expect(out.details[0].taxes[1].tax_amount).toBe(7.5);
			expect(out.totals).toEqual({ net_amount: 100, taxes_amount: 23.5, total_amount: 123.5 });
		});
	});

	describe('Argentina (ARS, 2 decimals)', () => {
		it('fills tax_base_amount, VAT per rate and the VAT / other taxes split', () => {
			// 1000 × 21% = 210; 200 × 10.5% = 21; 1000 × 5.2% (id 484) = 52
			const body = doc([line(1, 1000, [[474, 21], [484, 5.2]]), line(2, 100, [[475, 10.5]])], { document_type_id: 111 });
			const out = computeTotals(body, 'AR');
			expect(out.details[0].taxes.map((t: Obj) => [t.tax_base_amount, t.tax_amount])).toEqual([
				[1000, 210],
				[1000, 52],
			]);
			expect(out.details[1].taxes[0]).toMatchObject({ tax_base_amount: 200, tax_amount: 21 });
			expect(out.totals).toEqual({
				net_amount: 1200,
				taxes_amount: 283,
				total_amount: 1483,
				vat_amount: 231,
				other_taxes_amount: 52,
			});
		});

		it('handles an Invoice C without VAT', () => {
			const out = computeTotals(doc([line(1, 1500.75)], { document_type_id: 119 }), 'AR');
			expect(out.totals).toEqual({ net_amount: 1500.75, taxes_amount: 0, total_amount: 1500.75, vat_amount: 0, other_taxes_amount: 0 });
		});
	});

	it('keeps unknown keys, overwrites computed fields and does not modify its input', () => {
		const body = doc([line(1, 100, [[387, 19]], { total_amount_line: 999, custom_line_key: 'x' })], { custom_header: { a: 1 } }, {
			totals: { total_amount: 5, my_total_note: 'kept' },
			custom_top: [1, 2],
		});
		const snapshot = JSON.stringify(body);
		const out = computeTotals(body, 'CL');
		expect(JSON.stringify(body)).toBe(snapshot);
		expect(out.custom_top).toEqual([1, 2]);
		expect(out.header.custom_header).toEqual({ a: 1 });
		expect(out.details[0].custom_line_key).toBe('x');
		expect(out.details[0].total_amount_line).toBe(119);
		expect(out.totals).toEqual({ total_amount: 119, my_total_note: 'kept', net_amount: 100, taxes_amount: 19 });
	});

	it('accepts numeric strings for quantities, prices and percentages', () => {
		const out = computeTotals(doc([{ quantity: '2', unit_price: '750', taxes: [{ tax_type_id: '388', tax_percentage: '19' }] }]), 'CO');
		expect(out.totals).toEqual({ net_amount: 1500, taxes_amount: 285, total_amount: 1785 });
	});
});

describe('checkTotals', () => {
	const filled = (country: 'CL' | 'CO' | 'PE', details: Obj[], header: Obj = {}) => computeTotals(doc(details, header), country);

	it('finds nothing in a body computed by computeTotals', () => {
		expect(checkTotals(filled('CL', [line(3, 1000, [[387, 19]]), line(1, 500)]), 'CL')).toEqual([]);
		expect(checkTotals(filled('PE', [line(3, 10.333, [[413, 18]])], { document_type_id: 96 }), 'PE')).toEqual([]);
	});

	it('names the field and both numbers for a wrong line tax', () => {
		const body = filled('CO', [line(1, 1000, [[388, 19]])]);
		body.details[0].taxes[0].tax_amount = 200;
		const messages = checkTotals(body, 'CO');
		expect(messages).toContainEqual('details[0].taxes[0].tax_amount is 200, but 19% of 1000 is 190.');
		expect(messages).toContainEqual('details[0].total_taxes is 190, but its taxes[].tax_amount add up to 200.');
	});

	it('names the field and both numbers for a wrong document total', () => {
		const body = filled('CO', [line(1, 1000, [[388, 19]])]);
		body.totals.total_amount = 1200;
		expect(checkTotals(body, 'CO')).toEqual(['totals.total_amount is 1200, but totals.net_amount + totals.taxes_amount is 1190.']);
	});

	it('reports net_amount that does not match the lines', () => {
		const body = filled('CL', [line(1, 1000, [[387, 19]])]);
		body.totals.net_amount = 900;
		body.totals.total_amount = 1090;
		expect(findTotalsMismatches(body, 'CL')).toContainEqual(
			expect.objectContaining({ path: 'totals.net_amount', message: expect.stringContaining('is 900, but') }),
		);
	});

	it('tolerates one rounding unit: 1 peso in COP, 1 cent in PEN', () => {
		const co = filled('CO', [line(1, 1000, [[388, 19]])]);
		co.details[0].taxes[0].tax_amount = 191;
		co.details[0].total_taxes = 191;
		co.details[0].total_amount_line = 1191;
		expect(checkTotals(co, 'CO').filter((m) => m.startsWith('details'))).toEqual([]);
		co.details[0].taxes[0].tax_amount = 192;
		expect(checkTotals(co, 'CO')).toContainEqual(expect.stringContaining('tax_amount is 192'));

		const pe = filled('PE', [line(1, 100, [[413, 18]])], { document_type_id: 96 });
		pe.details[0].taxes[0].tax_amount = 18.01;
		expect(checkTotals(pe, 'PE').filter((m) => m.includes('tax_amount is'))).toEqual([]);
		pe.details[0].taxes[0].tax_amount = 18.02;
		expect(checkTotals(pe, 'PE')).toContainEqual(expect.stringContaining('tax_amount is 18.02'));
	});

	it('accepts either line-summed or per-rate document taxes', () => {
		const lines = [line(1, 12, [[387, 19]]), line(1, 12, [[387, 19]]), line(1, 12, [[387, 19]])];
		const chile = computeTotals(doc(lines), 'CL'); // taxes_amount 7 (per rate)
		const lineSummed = computeTotals(doc(lines), 'CL');
		lineSummed.totals.taxes_amount = 6; // 2 + 2 + 2, the rounded line taxes
		lineSummed.totals.total_amount = 42;
		expect(checkTotals(chile, 'CL')).toEqual([]);
		expect(checkTotals(lineSummed, 'CL')).toEqual([]);
	});

	it('accepts Argentine totals that add exempt and non-taxed amounts', () => {
		const body = computeTotals(doc([line(1, 1000, [[474, 21]])], { document_type_id: 111 }), 'AR');
		body.totals.exempt_amount = 100;
		body.totals.total_amount = 1310;
		expect(checkTotals(body, 'AR').filter((m) => m.startsWith('totals.total_amount'))).toEqual([]);
	});

	it('ignores lines whose quantity or price is not a number (the schema reports those)', () => {
		expect(checkTotals(doc([{ quantity: 'abc', unit_price: 10 }]), 'CL')).toEqual([]);
	});
});
