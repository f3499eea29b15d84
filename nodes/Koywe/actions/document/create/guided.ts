import type { IDataObject } from 'n8n-workflow';

import {
	COUNTRIES,
	GUIDED_DEFAULTS,
	findTaxType,
	type CountryCode,
	type TaxTypeInfo,
} from '../../../data';
import { text } from '../../../shared/values';
import type { InputIssue } from '../../issues';

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
	lineItems: IDataObject[];
	references: IDataObject[];
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

/** Additional Fields that go to the header as they are, in the order they are sent. */
const PLAIN_HEADER_FIELDS: ReadonlyArray<readonly [string, string]> = [
	['observations', 'observations'],
	['branchOfficeCode', 'branch_office_code'],
	['documentSequenceCode', 'document_sequence_code'],
	['postalCode', 'postal_code'],
	['guideType', 'guide_type'],
	['transferType', 'transfer_type'],
];

/**
 * Builds the Koywe body from the guided fields. Totals are filled afterwards by computeTotals when asked. What
 * cannot be turned into a correct body (a withholding without a rate) is added to `issues`.
 */
export function buildGuidedBody(input: GuidedInput, issues: InputIssue[] = []): IDataObject {
	const { country } = input;
	const info = COUNTRIES[country];
	const fields = input.additionalFields;
	const receiver = input.receiver;

	const header: IDataObject = {
		account_id: input.accountId,
		document_type_id: input.documentType,
		issue_date: text(input.issueDate) || input.today,
	};
	if (text(input.receiverTaxId)) {
		header.receiver_tax_id_code = text(input.receiverTaxId);
		header.receiver_tax_id_type = text(input.receiverTaxIdType) || info.defaultTaxIdType;
	}
	setIf(header, 'receiver_legal_name', input.receiverLegalName);
	for (const [field, key] of RECEIVER_FIELDS) setIf(header, key, receiver[field]);
	header.currency_id = Number(fields.currencyId) > 0 ? Number(fields.currencyId) : info.currencyId;
	setIf(header, 'exchange_rate_value', fields.exchangeRate);
	header.payment_conditions = text(fields.paymentConditions) || GUIDED_DEFAULTS.paymentConditions;
	for (const [field, key] of PLAIN_HEADER_FIELDS) setIf(header, key, fields[field]);

	const additional: IDataObject = {};
	if (country === 'CO' && Number(fields.coReportedPaymentCode) > 0) {
		additional.co_header = { reported_payment_code: Number(fields.coReportedPaymentCode) };
	}
	if (country === 'PE') {
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
	if (Object.keys(additional).length) header.additional = additional;

	// Extra header JSON is merged last; nested `additional` blocks merge key by key.
	for (const [key, value] of Object.entries(input.extraHeader)) {
		if (key === 'additional' && value && typeof value === 'object' && header.additional) {
			header.additional = { ...(header.additional as IDataObject), ...(value as IDataObject) };
		} else {
			header[key] = value;
		}
	}

	const details = input.lineItems.map((line, index) => buildLine(country, line, index, issues));
	const body: IDataObject = { header, details };
	const references = input.references.map((reference) => buildReference(reference));
	if (references.length) body.references = references;
	return body;
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
	if (given === 0) return undefined;
	const usualVat = COUNTRIES[country].defaultVat;
	const id = given < 0 ? usualVat.taxTypeId : given;
	const tax = findTaxType(id);
	const givenRate = numberField(line.taxPercentage) ?? USUAL;
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
	const given = numberField(line.withholdingPercentage) ?? 0;
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

function buildReference(reference: IDataObject): IDataObject {
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
	return result;
}
