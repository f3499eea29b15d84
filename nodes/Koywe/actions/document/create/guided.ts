import type { IDataObject } from 'n8n-workflow';

import {
	COUNTRIES,
	GUIDED_DEFAULTS,
	findDocumentType,
	findTaxType,
	type CountryCode,
	type DocumentKind,
	type TaxTypeInfo,
} from '../../../data';
import { text } from '../../../shared/values';
import type { InputIssue } from '../../issues';
import { deepMerge, parseJsonObject } from './json';

/** Sets a body field only when the user gave it: empty text and 0 mean "not given" in the guided form. */
function setIf(target: IDataObject, key: string, value: unknown) {
	if (value === undefined || value === null) return;
	if (typeof value === 'string' && value.trim() === '') return;
	if (typeof value === 'number' && (!Number.isFinite(value) || value === 0)) return;
	target[key] = typeof value === 'string' ? value.trim() : value;
}

/** The guided fields ("Fill in Fields" mode), as the user gave them. */
export interface GuidedFields {
	issueDate: string;
	receiverTaxId: string;
	receiverTaxIdType: string;
	receiverLegalName: string;
	receiver: IDataObject;
	/** The Issuer collection; empty = Koywe fills the issuer from the account. */
	issuer: IDataObject;
	lineItems: IDataObject[];
	references: IDataObject[];
	/** Global Discounts and Surcharges: `{ code, value, type }` each. */
	globalDiscounts: IDataObject[];
	additionalFields: IDataObject;
}

export interface GuidedInput extends GuidedFields {
	country: CountryCode;
	accountId: number;
	documentType: number;
	/** Extra header JSON, already parsed. */
	extraHeader: IDataObject;
	/** The issue date when none is given (today in the country's time zone). */
	today: string;
}

/** Receiver Details field -> header key, in the order they are sent. */
const RECEIVER_FIELDS: ReadonlyArray<readonly [string, string]> = [
	['address', 'receiver_address'],
	['district', 'receiver_district'],
	['city', 'receiver_city'],
	['department', 'receiver_department'],
	['countyId', 'receiver_county_id'],
	['countryId', 'receiver_country_id'],
	['stateId', 'receiver_state_id'],
	['email', 'receiver_email'],
	['phone', 'receiver_phone'],
	['activity', 'receiver_activity'],
	['postalCode', 'receiver_postalcode'],
];

/** Issuer field -> header key (the tax id and its type are set first). */
const ISSUER_FIELDS: ReadonlyArray<readonly [string, string]> = [
	['legalName', 'issuer_legal_name'],
	['activity', 'issuer_activity'],
	['address', 'issuer_address'],
	['district', 'issuer_district'],
	['city', 'issuer_city'],
	['department', 'issuer_department'],
	['phone', 'issuer_phone'],
	['postalCode', 'issuer_postalcode'],
];

/** Additional Fields that go to the header as they are, in the order they are sent (countries: where shown). */
const PLAIN_HEADER_FIELDS: ReadonlyArray<readonly [string, string, (readonly CountryCode[])?]> = [
	['observations', 'observations'],
	['branchOfficeCode', 'branch_office_code', ['CL', 'AR']],
	['documentSequenceCode', 'document_sequence_code', ['PE']],
	['postalCode', 'postal_code', ['CO']],
	['guideType', 'guide_type', ['CL']],
	['transferType', 'transfer_type', ['CL']],
	['serviceIndicator', 'service_indicator', ['CL']],
	['saleModality', 'sale_modality', ['CL']],
	['saleClause', 'sale_clause', ['CL']],
	['portEmbarkation', 'port_embarkation', ['CL']],
	['portDisembarkation', 'port_disembarkation', ['CL']],
];

/** Additional Fields -> a country block's key (countries: where shown). */
const BLOCK_FIELDS: ReadonlyArray<readonly [string, string, string, CountryCode]> = [
	['peSignatureId', 'pe_header', 'signature_id', 'PE'],
	['mxGlobalPeriodicity', 'mx_header', 'global_periodicity', 'MX'],
	['mxGlobalMonth', 'mx_header', 'global_month', 'MX'],
	['mxGlobalYear', 'mx_header', 'global_year', 'MX'],
	['arServiceDateFrom', 'ar_header', 'service_date_from', 'AR'],
	['arServiceDateTo', 'ar_header', 'service_date_to', 'AR'],
	['arServicePaymentDueDate', 'ar_header', 'service_payment_due_date', 'AR'],
];

/** JSON fields of Additional Fields -> the header block they fill (Peru's retention receipt and remission guide). */
const JSON_BLOCK_FIELDS: ReadonlyArray<readonly [string, string, string, CountryCode]> = [
	['peRetentionHeaderJson', 'pe_retention_header', 'Retention Header (Peru)', 'PE'],
	['peShippingJson', 'pe_shipping', 'Shipping JSON (Peru)', 'PE'],
];

/** The country blocks of `header.additional` the form fills (before the JSON fields and Extra Header JSON). */
function countryBlocks(
	country: CountryCode,
	kind: DocumentKind | undefined,
	fields: IDataObject,
): IDataObject {
	const additional: IDataObject = {};
	if (country === 'CO' && Number(fields.coReportedPaymentCode) > 0) {
		additional.co_header = { reported_payment_code: Number(fields.coReportedPaymentCode) };
	}
	// A retention receipt has no operation type; its data goes in pe_retention_header.
	if (country === 'PE' && kind !== 'retention') {
		additional.pe_header = {
			operation_type: text(fields.peOperationType) || GUIDED_DEFAULTS.peOperationType,
		};
	}
	if (country === 'MX') {
		additional.mx_header = {
			receiver_cfdi_usage: text(fields.mxCfdiUsage) || GUIDED_DEFAULTS.mxCfdiUsage,
			reported_payment_code: text(fields.mxPaymentCode) || GUIDED_DEFAULTS.mxPaymentCode,
		};
	}
	if (country === 'AR') {
		const arHeader: IDataObject = {
			invoice_concept: Number(fields.arInvoiceConcept) || GUIDED_DEFAULTS.arInvoiceConcept,
		};
		if (Number(fields.arReceiverVatConditionId) > 0)
			arHeader.receiver_vat_condition_id = Number(fields.arReceiverVatConditionId);
		additional.ar_header = arHeader;
	}
	for (const [field, block, key, only] of BLOCK_FIELDS) {
		if (only !== country) continue;
		const target: IDataObject = { ...((additional[block] as IDataObject | undefined) ?? {}) };
		setIf(target, key, fields[field]);
		if (Object.keys(target).length) additional[block] = target;
	}
	return additional;
}

/**
 * Builds the Koywe body from the guided fields. Totals are filled afterwards by computeTotals when asked. What
 * cannot be turned into a correct body (a withholding without a rate, broken JSON) is added to `issues`.
 *
 * Order: the form's fields, then each block's JSON field (Peru), then the Extra Header JSON; each merges into what
 * is there (objects key by key at every level), so no later step drops a field an earlier one set.
 */
export function buildGuidedBody(input: GuidedInput, issues: InputIssue[] = []): IDataObject {
	const { country } = input;
	const info = COUNTRIES[country];
	const kind = findDocumentType(input.documentType)?.kind;
	const fields = input.additionalFields;
	const receiver = input.receiver;
	const issuer = input.issuer ?? {};

	let header: IDataObject = {
		account_id: input.accountId,
		document_type_id: input.documentType,
		issue_date: text(input.issueDate) || input.today,
	};
	if (text(issuer.taxId)) {
		header.issuer_tax_id_code = text(issuer.taxId);
		header.issuer_tax_id_type = text(issuer.taxIdType) || info.defaultTaxIdType;
	}
	for (const [field, key] of ISSUER_FIELDS) setIf(header, key, issuer[field]);
	if (text(input.receiverTaxId)) {
		header.receiver_tax_id_code = text(input.receiverTaxId);
		header.receiver_tax_id_type = text(input.receiverTaxIdType) || info.defaultTaxIdType;
	}
	setIf(header, 'receiver_legal_name', input.receiverLegalName);
	for (const [field, key] of RECEIVER_FIELDS) setIf(header, key, receiver[field]);
	header.currency_id = Number(fields.currencyId) > 0 ? Number(fields.currencyId) : info.currencyId;
	setIf(header, 'exchange_rate_value', fields.exchangeRate);
	header.payment_conditions = text(fields.paymentConditions) || GUIDED_DEFAULTS.paymentConditions;
	for (const [field, key, only] of PLAIN_HEADER_FIELDS)
		if (!only || only.indexOf(country) !== -1) setIf(header, key, fields[field]);

	let additional = countryBlocks(country, kind, fields);
	for (const [field, block, label, only] of JSON_BLOCK_FIELDS) {
		if (only !== country || fields[field] === undefined) continue;
		const parsed = parseJsonObject(fields[field], `additionalFields.${field}`, label);
		if (parsed.issue) issues.push(parsed.issue);
		else if (Object.keys(parsed.value).length)
			additional = deepMerge(additional, { [block]: parsed.value });
	}
	if (Object.keys(additional).length) header.additional = additional;
	header = deepMerge(header, input.extraHeader);

	const body: IDataObject = { header };
	const details = input.lineItems.map((line, index) => buildLine(country, line, index, issues));
	// A retention receipt lists the retained invoices in its references, not in lines.
	if (details.length || kind !== 'retention') body.details = details;
	const references = input.references.map((reference, index) =>
		buildReference(country, reference, index, issues),
	);
	if (references.length) body.references = references;
	const globals = (input.globalDiscounts ?? []).map(buildGlobalDiscount);
	if (globals.length) body.globals_discounts_surcharges = globals;
	return body;
}

/** One global discount or surcharge: code DA/DE/RA/RE, a value, and % or $. */
function buildGlobalDiscount(entry: IDataObject): IDataObject {
	return {
		discount_surcharge_code: text(entry.code).toUpperCase(),
		discount_surcharge_value: Number(entry.value ?? 0),
		discount_surcharge_type: text(entry.type) || '%',
	};
}

/** Tax Type ID and Tax Percentage -1 (their defaults): the country's usual VAT, and the usual rate of the tax. */
const USUAL = -1;

/** A number field of a guided line; undefined when left empty (an expression may give '' or nothing). */
function numberField(value: unknown): number | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	return Number(value);
}

/** Why a tax's rate cannot be taken from the table. */
function noUsualRate(tax: TaxTypeInfo | undefined, id: number): string {
	if (!tax) return `tax ${id} is not in this node's tax table`;
	if (tax.rateConflict) return tax.rateConflict;
	return `its rate is not fixed`;
}

/**
 * The main tax of a line. Tax Type ID -1 (or empty) is the country's usual VAT, 0 is exempt (no tax entry at all);
 * Tax Percentage -1 is the usual rate of that tax, any other value is sent as given. The sign follows Koywe's
 * convention (negative = withheld): a withholding in the table is always sent negative, a tax that adds to the
 * total is never sent negative, and an id the table does not know keeps the sign given.
 */
function mainTax(
	country: CountryCode,
	line: IDataObject,
	at: string,
	issues: InputIssue[],
): IDataObject | undefined {
	const given = numberField(line.taxTypeId) ?? USUAL;
	const givenRate = numberField(line.taxPercentage) ?? USUAL;
	if (notANumber(line, at, issues, ['taxTypeId', given], ['taxPercentage', givenRate]))
		return undefined;
	if (given === 0) return undefined;
	const usualVat = COUNTRIES[country].defaultVat;
	const id = given < 0 ? usualVat.taxTypeId : given;
	const tax = findTaxType(id);
	let rate: number;
	if (givenRate !== USUAL) rate = givenRate;
	else if (given < 0) rate = usualVat.percentage;
	else if (tax && tax.percentage !== undefined && !tax.rateConflict) rate = tax.percentage;
	else {
		issues.push({
			path: `${at}.taxPercentage`,
			message: `${lineLabel(at)}: Tax Percentage is required for tax ${id}: ${noUsualRate(tax, id)}`,
			hint: 'Give the rate to apply (a withholding as a negative rate, e.g. -2.85).',
		});
		return undefined;
	}
	if (tax?.withholding) rate = -Math.abs(rate);
	else if (tax && rate < 0) {
		issues.push({
			path: `${at}.taxPercentage`,
			message: `${lineLabel(at)}: Tax Percentage ${rate} is negative, but tax ${id} (${tax.name}) is not a withholding`,
			hint: 'A negative rate would lower the total. Give its positive rate, or add the withholding with the Withholding fields.',
		});
		return undefined;
	}
	return { tax_type_id: id, tax_percentage: rate };
}

/**
 * The withholding of a line: always sent with a negative rate (Koywe's convention). Withholding Percentage 0 (the
 * default) is the table's fixed rate of that withholding (Mexico ISR 366: 10 %); a withholding without one must
 * be given its rate, so nothing is ever withheld at 0 % by accident.
 */
function withholdingTax(
	line: IDataObject,
	at: string,
	issues: InputIssue[],
): IDataObject | undefined {
	const id = numberField(line.withholdingTaxTypeId) ?? 0;
	const given = numberField(line.withholdingPercentage) ?? 0;
	const fields: Array<[string, number]> = [
		['withholdingTaxTypeId', id],
		['withholdingPercentage', given],
	];
	if (notANumber(line, at, issues, ...fields)) return undefined;
	if (!(id > 0)) return undefined;
	const tax = findTaxType(id);
	if (tax && !tax.withholding) {
		issues.push({
			path: `${at}.withholdingTaxTypeId`,
			message: `${lineLabel(at)}: Withholding Tax Type ID ${id} is ${tax.name}, which adds to the total`,
			hint: 'Choose a withholding there (e.g. Mexico 365, 366; Colombia 397), or put this tax in Tax Type ID.',
		});
		return undefined;
	}
	let rate: number;
	if (given !== 0) rate = -Math.abs(given);
	else if (tax && tax.percentage !== undefined && !tax.rateConflict) rate = tax.percentage;
	else {
		issues.push({
			path: `${at}.withholdingPercentage`,
			message: `${lineLabel(at)}: Withholding Percentage is required for tax ${id}: ${noUsualRate(tax, id)}`,
			hint: 'Give the rate withheld, e.g. 2.85 (sent to Koywe as -2.85).',
		});
		return undefined;
	}
	return { tax_type_id: id, tax_percentage: rate };
}

/** The form's names of the number fields of a line, for messages. */
const LINE_FIELD_LABELS: Readonly<Record<string, string>> = {
	taxTypeId: 'Tax Type ID',
	taxPercentage: 'Tax Percentage',
	withholdingTaxTypeId: 'Withholding Tax Type ID',
	withholdingPercentage: 'Withholding Percentage',
};

/** Reports the fields an expression turned into something that is not a number; true when any. */
function notANumber(
	line: IDataObject,
	at: string,
	issues: InputIssue[],
	...fields: Array<readonly [string, number]>
): boolean {
	let found = false;
	for (const [field, value] of fields) {
		if (Number.isFinite(value)) continue;
		found = true;
		issues.push({
			path: `${at}.${field}`,
			message: `${lineLabel(at)}: ${LINE_FIELD_LABELS[field] ?? field} must be a number (got ${JSON.stringify(line[field]) ?? String(line[field])})`,
		});
	}
	return found;
}

/** "line item 2" for 'lineItems.item[1]'. */
function lineLabel(at: string): string {
	const index = /\[(\d+)\]$/.exec(at);
	return index ? `line item ${Number(index[1]) + 1}` : at;
}

function buildLine(
	country: CountryCode,
	line: IDataObject,
	index: number,
	issues: InputIssue[],
): IDataObject {
	const at = `lineItems.item[${index}]`;
	const quantity = Number(line.quantity ?? GUIDED_DEFAULTS.quantity);
	const unitPrice = Number(line.unitPrice ?? 0);
	const detail: IDataObject = {
		quantity,
		line_description: text(line.description),
		unit_measure: text(line.unitMeasure) || COUNTRIES[country].defaultUnitMeasure,
		unit_price: unitPrice,
	};
	setIf(detail, 'sku', line.sku);
	setIf(detail, 'long_description', line.longDescription);
	if (country === 'MX') {
		// SAT keys; left out, Koywe assumes 01010101 and E48.
		const mxDetail: IDataObject = {};
		setIf(mxDetail, 'product_service_identifier', line.mxProductServiceKey);
		setIf(mxDetail, 'measure_unit_code', line.mxUnitKey);
		if (Object.keys(mxDetail).length) detail.additional = { mx_detail: mxDetail };
	}
	// A discount is typed positive; a negative one (from an expression) would silently be a surcharge or nothing.
	for (const field of ['discountAmount', 'discountPercent'] as const) {
		if ((numberField(line[field]) ?? 0) < 0)
			issues.push({
				path: `${at}.${field}`,
				message: `${lineLabel(at)}: ${field === 'discountAmount' ? 'Discount Amount' : 'Discount (%)'} is ${String(line[field])}; a discount is given as a positive number`,
				hint: 'It is sent as a negative modifier. For a surcharge, raise the unit price or add a global surcharge (RA).',
			});
	}
	if (Number(line.discountAmount) > 0) detail.modifier_amount = -Number(line.discountAmount);
	else if (Number(line.discountPercent) > 0)
		detail.modifier_percentage = -Number(line.discountPercent);

	const taxes: IDataObject[] = [];
	const main = mainTax(country, line, at, issues);
	if (main) taxes.push(main);
	const withheld = withholdingTax(line, at, issues);
	if (withheld) taxes.push(withheld);
	detail.taxes = taxes;
	return detail;
}

function buildReference(
	country: CountryCode,
	reference: IDataObject,
	index: number,
	issues: InputIssue[],
): IDataObject {
	const result: IDataObject = {};
	setIf(result, 'document_type_id', Number(reference.documentTypeId) || undefined);
	if (Number(reference.referenceDocumentId) > 0)
		result.reference_document_id = Number(reference.referenceDocumentId);
	else setIf(result, 'reference_number', reference.referenceNumber);
	const code = text(reference.referenceCode);
	if (code) result.reference_code = /^[1-9]\d*$/.test(code) ? Number(code) : code;
	setIf(result, 'description', reference.description);
	setIf(result, 'reference_date', reference.referenceDate);
	setIf(result, 'reference_branch_office_code', reference.branchOfficeCode);
	if (country === 'PE' && reference.retentionDetailsJson !== undefined) {
		const path = `references.reference[${index}].retentionDetailsJson`;
		const parsed = parseJsonObject(reference.retentionDetailsJson, path, 'Retention JSON (Peru)');
		if (parsed.issue) issues.push(parsed.issue);
		else if (Object.keys(parsed.value).length)
			result.additional = { pe_retention_details: parsed.value };
	}
	return result;
}
