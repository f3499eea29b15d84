import type { IDataObject } from 'n8n-workflow';

import { COUNTRIES, findTaxType, type CountryCode } from '../../data';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date (YYYY-MM-DD) in the country's time zone: an invoice issued at 22:00 in Santiago is dated there. */
export function todayIn(country: CountryCode, now: Date = new Date()): string {
	const timeZone = COUNTRIES[country].timeZone;
	let format = dateFormats.get(timeZone);
	if (!format) {
		// Building a formatter costs far more than using one; keep one per time zone.
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
		});
		dateFormats.set(timeZone, format);
	}
	return format.format(now);
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

function setIf(target: IDataObject, key: string, value: unknown) {
	if (value === undefined || value === null) return;
	if (typeof value === 'string' && value.trim() === '') return;
	if (typeof value === 'number' && (!Number.isFinite(value) || value === 0)) return;
	target[key] = typeof value === 'string' ? value.trim() : value;
}

export interface GuidedInput {
	country: CountryCode;
	accountId: number;
	documentType: number;
	issueDate: string;
	receiverTaxId: string;
	receiverTaxIdType: string;
	receiverLegalName: string;
	receiver: IDataObject;
	lineItems: IDataObject[];
	references: IDataObject[];
	additionalFields: IDataObject;
	/** Extra header JSON, already parsed. */
	extraHeader: IDataObject;
}

/** Builds the Koywe body from the guided fields. Totals are filled afterwards by computeTotals when asked. */
export function buildGuidedBody(input: GuidedInput): IDataObject {
	const { country } = input;
	const info = COUNTRIES[country];
	const fields = input.additionalFields;
	const receiver = input.receiver;

	const header: IDataObject = {
		account_id: input.accountId,
		document_type_id: input.documentType,
		issue_date: text(input.issueDate) || todayIn(country),
	};
	if (text(input.receiverTaxId)) {
		header.receiver_tax_id_code = text(input.receiverTaxId);
		header.receiver_tax_id_type = text(input.receiverTaxIdType) || info.defaultTaxIdType;
	}
	setIf(header, 'receiver_legal_name', input.receiverLegalName);
	setIf(header, 'receiver_address', receiver.address);
	setIf(header, 'receiver_district', receiver.district);
	setIf(header, 'receiver_city', receiver.city);
	setIf(header, 'receiver_department', receiver.department);
	setIf(header, 'receiver_county_id', receiver.countyId);
	setIf(header, 'receiver_country_id', receiver.countryId);
	setIf(header, 'receiver_state_id', receiver.stateId);
	setIf(header, 'receiver_email', receiver.email);
	setIf(header, 'receiver_phone', receiver.phone);
	setIf(header, 'receiver_activity', receiver.activity);
	setIf(header, 'receiver_postalcode', receiver.postalCode);
	header.currency_id = Number(fields.currencyId) > 0 ? Number(fields.currencyId) : info.currencyId;
	setIf(header, 'exchange_rate_value', fields.exchangeRate);
	header.payment_conditions = text(fields.paymentConditions) || '0';
	setIf(header, 'observations', fields.observations);
	setIf(header, 'branch_office_code', fields.branchOfficeCode);
	setIf(header, 'document_sequence_code', fields.documentSequenceCode);
	setIf(header, 'postal_code', fields.postalCode);
	setIf(header, 'guide_type', fields.guideType);
	setIf(header, 'transfer_type', fields.transferType);

	const additional: IDataObject = {};
	if (country === 'CO' && Number(fields.coReportedPaymentCode) > 0) {
		additional.co_header = { reported_payment_code: Number(fields.coReportedPaymentCode) };
	}
	if (country === 'PE') {
		additional.pe_header = { operation_type: text(fields.peOperationType) || '0101' };
	}
	if (country === 'MX') {
		additional.mx_header = {
			receiver_cfdi_usage: text(fields.mxCfdiUsage) || 'S01',
			reported_payment_code: text(fields.mxPaymentCode) || '01',
		};
	}
	if (country === 'AR') {
		const arHeader: IDataObject = { invoice_concept: Number(fields.arInvoiceConcept) || 1 };
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
	const quantity = Number(line.quantity ?? 1);
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
