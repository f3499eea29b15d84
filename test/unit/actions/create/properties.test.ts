/**
 * The Create panel as a person sees it, per country: only that country's fields, its own example ids, English
 * names first, dropdowns generated from the code tables.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { properties } from '../../../../nodes/Koywe/actions/document/create/properties';
import { CL_SALE_CLAUSES, COUNTRIES, COUNTRY_CODES, documentTypesFor, findTaxIdType, type CountryCode } from '../../../../nodes/Koywe/data';

type Field = INodeProperties & { values?: INodeProperties[] };

/** Every field of the form, nested collection and fixedCollection fields included. */
function allFields(list: readonly Field[] = properties as Field[]): Field[] {
	return list.flatMap((field) => {
		const nested = ((field.options ?? []) as Array<Field | INodePropertyOptions>).filter(
			(option): option is Field => typeof option === 'object' && option !== null && 'displayName' in option,
		);
		const inner = nested.flatMap((option) => (option.values ? allFields(option.values) : [option, ...allFields((option.options ?? []) as Field[])]));
		return [field, ...inner];
	});
}

const COUNTRY_NAMES: Record<string, CountryCode> = { Chile: 'CL', Colombia: 'CO', Peru: 'PE', Mexico: 'MX', Argentina: 'AR' };
const shownFor = (field: Field) => (field.displayOptions?.show?.['/country'] ?? field.displayOptions?.show?.country) as string[] | undefined;
const named = (name: string) => allFields().filter((field) => field.name === name);

test("each country's Receiver Tax ID suggests that country's own id and format (the Mexican panel an RFC, not a RUT)", () => {
	for (const country of COUNTRY_CODES) {
		const fields = named('receiverTaxId').filter((field) => shownFor(field)?.join() === country);
		const usual = findTaxIdType(COUNTRIES[country].defaultTaxIdType)!;
		expect(fields).toHaveLength(1);
		expect([country, fields[0].placeholder]).toEqual([country, usual.example]);
		expect(fields[0].description).toContain(usual.format);
	}
	const mexican = named('receiverTaxId').find((field) => shownFor(field)?.join() === 'MX')!;
	expect(mexican.placeholder).toBe('EKU9003173C9');
	expect(mexican.description).toContain('XAXX010101000');
});

test("the Receiver Tax ID Type of a country lists that country's types first", () => {
	const peru = named('receiverTaxIdType').find((field) => shownFor(field)?.join() === 'PE')!;
	const values = (peru.options as INodePropertyOptions[]).map((option) => option.value);
	expect(values.slice(0, 3)).toEqual(['', 'PE-RUC', 'PE-DNI']);
	expect((peru.options as INodePropertyOptions[])[0].name).toBe("Country's Usual Type (PE-RUC)");
});

test('every field named after a country shows only in that country\'s panel', () => {
	const countryFields = allFields().filter((field) => /\((Chile|Colombia|Peru|Mexico|Argentina)/.test(field.displayName));
	expect(countryFields.length).toBeGreaterThan(30);
	for (const field of countryFields) {
		const countries = Object.keys(COUNTRY_NAMES).filter((name) => field.displayName.includes(name)).map((name) => COUNTRY_NAMES[name]);
		expect([field.displayName, shownFor(field)?.slice().sort()]).toEqual([field.displayName, countries.sort()]);
	}
});

test('the new guided fields exist in their country panels', () => {
	const expected: Record<string, CountryCode> = {
		mxProductServiceKey: 'MX',
		mxUnitKey: 'MX',
		mxGlobalPeriodicity: 'MX',
		mxGlobalMonth: 'MX',
		mxGlobalYear: 'MX',
		arServiceDateFrom: 'AR',
		arServiceDateTo: 'AR',
		arServicePaymentDueDate: 'AR',
		peSignatureId: 'PE',
		peRetentionHeaderJson: 'PE',
		peShippingJson: 'PE',
		retentionDetailsJson: 'PE',
		saleModality: 'CL',
		saleClause: 'CL',
		serviceIndicator: 'CL',
		portEmbarkation: 'CL',
		portDisembarkation: 'CL',
		grossValues: 'CL',
		pdfTransferCopy: 'CL',
	};
	for (const [name, country] of Object.entries(expected)) {
		const fields = named(name);
		expect([name, fields.length]).toEqual([name, 1]);
		expect([name, shownFor(fields[0])]).toEqual([name, [country]]);
		expect([name, (fields[0].description ?? '').length > 20]).toEqual([name, true]);
	}
	for (const name of ['issuer', 'globalDiscounts', 'roundingType', 'templateId']) {
		expect([name, named(name).length, named(name).every((field) => shownFor(field) === undefined)]).toEqual([name, 1, true]);
	}
});

test('document types read English first, the legal name in brackets; their values are unchanged', () => {
	for (const country of COUNTRY_CODES) {
		const field = named('documentType').find((f) => shownFor(f)?.join() === country)!;
		const options = field.options as INodePropertyOptions[];
		expect(options.map((option) => option.value)).toEqual(documentTypesFor(country).map((type) => type.id));
		for (const option of options) expect(option.name).toMatch(/^\d+ - [A-Z][^()]* \([^()]+\)$/);
	}
	const chile = named('documentType').find((f) => shownFor(f)?.join() === 'CL')!;
	expect((chile.options as INodePropertyOptions[])[0].name).toBe('2 - Electronic Invoice (Factura electrónica)');
});

test('the Chilean export dropdowns are generated from the code tables, with "Not Sent" first', () => {
	const [saleClause] = named('saleClause');
	expect((saleClause.options as INodePropertyOptions[]).map((option) => option.value)).toEqual([0, ...CL_SALE_CLAUSES.map((entry) => entry.code)]);
	expect((saleClause.options as INodePropertyOptions[])[5].name).toBe('5 - FOB');
});

test('the withholding and tax-rate fields say the sign rule and what 0 and -1 mean', () => {
	const [percentage] = named('withholdingPercentage');
	expect(percentage.description).toMatch(/always sent negative.*0 = the withholding's fixed rate.*366 Retención ISR 10%/);
	const [taxPercentage] = named('taxPercentage');
	expect(taxPercentage.description).toMatch(/-1 = its usual rate.*negative = withheld/);
});
