import type { IDataObject } from 'n8n-workflow';

import { COUNTRIES, GUIDED_DEFAULTS, findTaxType, type CountryCode } from '../../../data';
import { text } from '../../../shared/values';

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

/** Builds the Koywe body from the guided fields. Totals are filled afterwards by computeTotals when asked. */
export function buildGuidedBody(input: GuidedInput): IDataObject {
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

	const details = input.lineItems.map((line) => buildLine(country, line));
	const body: IDataObject = { header, details };
	const references = input.references.map((reference) => buildReference(reference));
	if (references.length) body.references = references;
	return body;
}

function buildLine(country: CountryCode, line: IDataObject): IDataObject {
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

	// Tax Type ID -1 (or empty) means "the country's usual VAT", 0 means exempt (no tax entry at all); a rate of
	// -1 means "the usual rate of that tax".
	const taxes: IDataObject[] = [];
	const taxTypeId =
		line.taxTypeId === undefined || line.taxTypeId === '' ? -1 : Number(line.taxTypeId);
	if (taxTypeId !== 0) {
		const id = taxTypeId < 0 ? COUNTRIES[country].defaultVat.taxTypeId : taxTypeId;
		const known = findTaxType(id);
		const givenRate = Number(line.taxPercentage);
		const rate =
			Number.isFinite(givenRate) && givenRate >= 0
				? givenRate
				: taxTypeId < 0
					? COUNTRIES[country].defaultVat.percentage
					: (known?.percentage ?? 0);
		taxes.push({ tax_type_id: id, tax_percentage: rate });
	}
	if (Number(line.withholdingTaxTypeId) > 0) {
		taxes.push({
			tax_type_id: Number(line.withholdingTaxTypeId),
			tax_percentage: -Math.abs(Number(line.withholdingPercentage) || 0),
		});
	}
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
