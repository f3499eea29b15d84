/**
 * zod schemas (v3 API) for the body of `POST /documents`. They only check shapes and types, leniently:
 * - numbers and ids may be numbers or numeric strings ("82", "-2.85"), as the published examples send both;
 * - text fields also accept numbers (postal codes, branch codes);
 * - empty strings and null count as "not given";
 * - every object is `passthrough`: unknown keys are kept, never stripped.
 * Whether a field is required, and every country rule, is checked in document.ts with clearer messages.
 */

import { z } from 'zod';
import { isNumericLike, toNumber } from './numbers';

function describe(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	return typeof value === 'object' ? 'an object' : String(value);
}

function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

function numberMessage(value: unknown, integer: boolean): string {
	if (typeof value === 'string' && /^\s*[+-]?\d+,\d+\s*$/.test(value)) {
		return `must be a number with a dot as decimal separator (got ${describe(value)}; write ${value.trim().replace(',', '.')}).`;
	}
	if (integer && isNumericLike(value)) return `must be a whole number (got ${describe(value)}).`;
	const what = integer ? 'a whole number' : 'a number';
	return `must be ${what}; a numeric string such as "82" is also accepted (got ${describe(value)}).`;
}

/** Number or numeric string; blank = not given. */
export const lenientNumber = (): z.ZodType<number | string | null | undefined> =>
	z.custom<number | string | null | undefined>(
		(v) => isBlank(v) || isNumericLike(v),
		(v: unknown) => ({ message: numberMessage(v, false) }),
	);

/** Whole number or string holding one (ids, codes); blank = not given. */
export const lenientInteger = (): z.ZodType<number | string | null | undefined> =>
	z.custom<number | string | null | undefined>(
		(v) => isBlank(v) || (isNumericLike(v) && Number.isInteger(toNumber(v))),
		(v: unknown) => ({ message: numberMessage(v, true) }),
	);

/** Text; numbers are accepted too. */
export const lenientText = (): z.ZodType<string | number | null | undefined> =>
	z.custom<string | number | null | undefined>(
		(v) => isBlank(v) || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)),
		(v: unknown) => ({ message: `must be text (got ${describe(v)}).` }),
	);

/** 0/1 flag; numbers, numeric strings and booleans are accepted (document.ts warns about booleans). */
export const lenientFlag = (): z.ZodType<number | string | boolean | null | undefined> =>
	z.custom<number | string | boolean | null | undefined>(
		(v) => isBlank(v) || typeof v === 'boolean' || isNumericLike(v),
		(v: unknown) => ({ message: `must be 1 or 0 (got ${describe(v)}).` }),
	);

const openObject = <T extends z.ZodRawShape>(shape: T) => z.object(shape).passthrough();
const optionalObject = <T extends z.ZodRawShape>(shape: T) => openObject(shape).nullish();

export const OptionsSchema = openObject({
	draft_only: lenientFlag().optional(),
	draft_preview: lenientFlag().optional(),
	send_email: lenientFlag().optional(),
	template_id: lenientInteger().optional(),
	gross_values: lenientFlag().optional(),
	rounding_type: lenientText().optional(),
	company_web: lenientText().optional(),
	company_email: lenientText().optional(),
	pdf_transfer_copy: lenientFlag().optional(),
});

export const HeaderAdditionalSchema = openObject({
	co_header: optionalObject({ reported_payment_code: lenientText().optional() }),
	mx_header: optionalObject({}),
	mx_shipping: optionalObject({}),
	mx_exports: optionalObject({}),
	pe_header: optionalObject({
		operation_type: lenientText().optional(),
		signature_id: lenientText().optional(),
	}),
	pe_retention_header: optionalObject({}),
	pe_shipping: optionalObject({}),
	ar_header: optionalObject({}),
});

const text = () => lenientText().optional();
const int = () => lenientInteger().optional();
const num = () => lenientNumber().optional();

export const HeaderSchema = openObject({
	account_id: int(),
	document_type_id: int(),
	document_sequence_code: text(),
	issue_date: text(),
	document_number: int(),
	received_issued_flag: int(),
	issuer_tax_id_code: text(),
	issuer_tax_id_type: text(),
	issuer_legal_name: text(),
	issuer_address: text(),
	issuer_district: text(),
	issuer_city: text(),
	issuer_department: text(),
	issuer_country_id: int(),
	issuer_phone: text(),
	issuer_activity: text(),
	issuer_postalcode: text(),
	receiver_tax_id_code: text(),
	receiver_tax_id_type: text(),
	receiver_legal_name: text(),
	receiver_address: text(),
	receiver_district: text(),
	receiver_city: text(),
	receiver_department: text(),
	receiver_state_id: int(),
	receiver_county_id: text(),
	receiver_country_id: int(),
	receiver_phone: text(),
	receiver_activity: text(),
	receiver_postalcode: text(),
	receiver_email: text(),
	payment_conditions: text(),
	seller_id: int(),
	currency_id: int(),
	exchange_rate_value: num(),
	service_indicator: int(),
	sale_modality: int(),
	sale_clause: int(),
	guide_type: int(),
	transfer_type: int(),
	branch_office_code: text(),
	observations: text(),
	deployment_observations: int(),
	port_embarkation: text(),
	port_disembarkation: text(),
	gross_weight: text(),
	shipping_address: text(),
	postal_code: text(),
	additional: HeaderAdditionalSchema.nullish(),
});

export const TaxLineSchema = openObject({
	tax_type_id: int(),
	tax_percentage: num(),
	tax_amount: num(),
	tax_base_amount: num(),
});

export const DetailSchema = openObject({
	quantity: num(),
	sku: text(),
	line_description: text(),
	long_description: text(),
	unit_measure: text(),
	unit_price: num(),
	modifier_amount: num(),
	modifier_percentage: num(),
	total_taxes: num(),
	total_amount_line: num(),
	taxes: z.array(TaxLineSchema).nullish(),
	additional: optionalObject({ mx_detail: optionalObject({}) }),
});

export const ReferenceSchema = openObject({
	document_type_id: int(),
	reference_type: int(),
	reference_number: text(),
	reference_document_id: int(),
	reference_code: text(),
	description: text(),
	reference_date: text(),
	reference_branch_office_code: text(),
	additional: optionalObject({ pe_retention_details: optionalObject({}) }),
});

export const GlobalDiscountSurchargeSchema = openObject({
	discount_surcharge_code: text(),
	discount_surcharge_value: num(),
	discount_surcharge_type: text(),
});

export const TotalsSchema = openObject({
	net_amount: num(),
	taxes_amount: num(),
	total_amount: num(),
	vat_credit_construction_company: num(),
	non_taxed_amount: num(),
	exempt_amount: num(),
	vat_amount: num(),
	other_taxes_amount: num(),
});

export const PaymentLinkSchema = openObject({ payment_url: text() });

export const DocumentBodySchema = openObject({
	options: OptionsSchema.nullish(),
	header: HeaderSchema.nullish(),
	details: z.array(DetailSchema).nullish(),
	references: z.array(ReferenceSchema).nullish(),
	globals_discounts_surcharges: z.array(GlobalDiscountSurchargeSchema).nullish(),
	totals: TotalsSchema.nullish(),
	payment_link: PaymentLinkSchema.nullish(),
});
