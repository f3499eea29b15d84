/**
 * Checks of a POST /documents body: what is malformed (HTTP 400), what Koywe reports as input errors
 * (result.status 1), and the prepared document the store commits.
 */
import { COUNTRIES, DEMO_ISSUERS, DOCUMENT_TYPES_BY_ID, countryOfAccount } from './data';
import type { DocumentTypeInfo } from './data';
import { isValidCuit, isValidDni, isValidNit, isValidRfc, isValidRuc, isValidRut } from './taxid';
import type { CountryCode, JsonObject } from './types';
import { isIsoDate, isObject, isTruthyFlag, round2, toNumber, toText, todayIso } from './util';

export type PrepareOutcome =
	| { kind: 'bad-request'; error: string }
	| { kind: 'input-error'; message: string; answer: JsonObject }
	| { kind: 'ok'; prepared: PreparedDocument };

export interface PreparedDocument {
	body: JsonObject;
	type: DocumentTypeInfo;
	country: CountryCode;
	accountId: number;
	draft: boolean;
	/** options.draft_preview (Chile): answered as a preview, nothing stored. */
	preview: boolean;
	forcedNumber: number | null;
	header: JsonObject;
	details: JsonObject[];
	references: JsonObject[] | null;
	globalModifiers: JsonObject[] | null;
	totals: JsonObject;
	options: JsonObject;
	paymentLink: JsonObject | null;
	issueDate: string;
}

/** result.status 1 answer: nothing stored, the request echoed back with the reason. */
export function inputError(body: JsonObject, message: string, origin: string): PrepareOutcome & { kind: 'input-error' } {
	return {
		kind: 'input-error',
		message,
		answer: {
			document_id: null,
			header: isObject(body.header) ? { ...body.header } : null,
			details: body.details ?? null,
			references: body.references ?? null,
			totals: body.totals ?? null,
			electronic_document: null,
			payment_link: null,
			result: { status: 1, error_message: message },
			_links: { self: { href: `${origin}/V1/documents` } },
		},
	};
}

function receiverProblem(type: DocumentTypeInfo, header: JsonObject): string | null {
	const code = toText(header.receiver_tax_id_code);
	const idType = toText(header.receiver_tax_id_type).toUpperCase();
	if (code === '') {
		return type.receiver === 'required'
			? `receiver_tax_id_code is required for document type ${type.id} (${type.name})`
			: null;
	}
	const own = COUNTRIES[type.country].taxIdType;
	const checkAsOwn = idType === '' || idType === own;
	switch (type.country) {
		case 'CL':
			if (checkAsOwn && !isValidRut(code)) {
				return `receiver_tax_id_code "${code}" is not a valid RUT (digits, hyphen, check digit; no dots)`;
			}
			break;
		case 'CO':
			if (checkAsOwn && !isValidNit(code)) return `receiver_tax_id_code "${code}" is not a valid NIT`;
			break;
		case 'PE':
			if (idType === 'PE-DNI') {
				if (!isValidDni(code)) return `receiver_tax_id_code "${code}" is not a valid DNI (8 digits)`;
			} else if (checkAsOwn && !isValidRuc(code)) {
				return `receiver_tax_id_code "${code}" is not a valid RUC`;
			}
			break;
		case 'MX':
			if (checkAsOwn && !isValidRfc(code)) return `receiver_tax_id_code "${code}" is not a valid RFC`;
			break;
		case 'AR':
			if (checkAsOwn && !isValidCuit(code)) return `receiver_tax_id_code "${code}" is not a valid CUIT`;
			break;
	}
	return null;
}

interface LineTotals {
	net: number;
	taxes: number;
}

function lineProblems(line: unknown, index: number): { problems: string[]; totals: LineTotals } {
	const problems: string[] = [];
	const where = `details[${index}]`;
	if (!isObject(line)) return { problems: [`${where} must be an object`], totals: { net: 0, taxes: 0 } };
	const quantity = toNumber(line.quantity);
	const unitPrice = toNumber(line.unit_price);
	const description = line.line_description;
	if (quantity === undefined) problems.push(`${where}.quantity is required and must be a number`);
	else if (quantity <= 0) problems.push(`${where}.quantity must be greater than 0`);
	if (unitPrice === undefined) problems.push(`${where}.unit_price is required and must be a number`);
	else if (unitPrice < 0) problems.push(`${where}.unit_price must not be negative`);
	// No length limit: the specification says 100 characters, but one of Koywe's own Peruvian examples sends 134.
	if (typeof description !== 'string' || description.trim() === '') {
		problems.push(`${where}.line_description is required`);
	}
	let net = (quantity ?? 0) * (unitPrice ?? 0);
	const modifierAmount = toNumber(line.modifier_amount);
	const modifierPercentage = toNumber(line.modifier_percentage);
	if (modifierAmount !== undefined && modifierAmount !== 0) net += modifierAmount;
	else if (modifierPercentage !== undefined && modifierPercentage !== 0) net *= 1 + modifierPercentage / 100;
	let taxes = 0;
	if (line.taxes !== undefined && line.taxes !== null) {
		if (!Array.isArray(line.taxes)) {
			problems.push(`${where}.taxes must be an array`);
		} else {
			line.taxes.forEach((tax, j) => {
				if (!isObject(tax) || toNumber(tax.tax_type_id) === undefined) {
					problems.push(`${where}.taxes[${j}].tax_type_id is required`);
					return;
				}
				const amount = toNumber(tax.tax_amount);
				const pct = toNumber(tax.tax_percentage);
				if (amount !== undefined) taxes += amount;
				else if (pct !== undefined) taxes += (net * pct) / 100;
			});
		}
	}
	return { problems, totals: { net: round2(net), taxes: round2(taxes) } };
}

/**
 * Checks a POST /documents body. Malformed requests are HTTP 400; what Koywe reports as input errors
 * (result.status 1) comes back as 'input-error'.
 */
export function prepareDocument(
	body: unknown,
	accounts: Record<CountryCode, number>,
	origin: string,
): PrepareOutcome {
	if (!isObject(body)) return { kind: 'bad-request', error: 'Invalid input: a JSON object body is required' };
	if (!isObject(body.header)) return { kind: 'bad-request', error: 'Invalid input: header is required' };
	const header = body.header;
	const typeId = toNumber(header.document_type_id);
	const type = typeId === undefined ? undefined : DOCUMENT_TYPES_BY_ID.get(typeId);
	// A Peruvian retention receipt (109) states its amounts per referenced invoice, not in lines.
	const retention = type?.id === 109;
	if (retention && (body.details === undefined || body.details === null)) body.details = [];
	if (!Array.isArray(body.details)) return { kind: 'bad-request', error: 'Invalid input: details must be an array' };
	if (!type) return { kind: 'bad-request', error: 'Invalid document type ID' };

	const problems: string[] = [];
	const accountId = toNumber(header.account_id);
	const country = accountId === undefined ? undefined : countryOfAccount(accounts, accountId);
	if (accountId === undefined) problems.push('header.account_id is required');
	else if (!country) problems.push(`account ${accountId} does not exist or is not available to these credentials`);
	else if (type.country !== country) {
		problems.push(
			`document type ${type.id} (${type.name}) belongs to ${COUNTRIES[type.country].name} and cannot be issued by a ${COUNTRIES[country].name} account`,
		);
	}

	const options = isObject(body.options) ? body.options : {};
	const draft = isTruthyFlag(options.draft_only);
	if (draft && type.country !== 'CL') problems.push('options.draft_only is only available for Chile');
	const preview = isTruthyFlag(options.draft_preview);
	if (preview && type.country !== 'CL') problems.push('options.draft_preview is only available for Chile');

	let issueDate = todayIso();
	if (header.issue_date !== undefined && header.issue_date !== null && header.issue_date !== '') {
		const given = toText(header.issue_date);
		if (!isIsoDate(given)) problems.push('header.issue_date must be a date YYYY-MM-DD');
		else issueDate = given;
	}

	let forcedNumber: number | null = null;
	if (header.document_number !== undefined && header.document_number !== null && header.document_number !== '') {
		const n = toNumber(header.document_number);
		if (n === undefined || !Number.isInteger(n) || n <= 0) {
			problems.push('header.document_number must be a positive integer when given');
		} else forcedNumber = n;
	}

	const receiver = receiverProblem(type, header);
	if (receiver) problems.push(receiver);

	if (body.details.length === 0 && !retention) problems.push('details must contain at least one line');
	let net = 0;
	let taxes = 0;
	body.details.forEach((line, i) => {
		const r = lineProblems(line, i);
		problems.push(...r.problems);
		net += r.totals.net;
		taxes += r.totals.taxes;
	});

	let references: JsonObject[] | null = null;
	if (body.references !== undefined && body.references !== null) {
		if (!Array.isArray(body.references)) problems.push('references must be an array');
		else {
			references = [];
			body.references.forEach((ref, i) => {
				if (!isObject(ref)) {
					problems.push(`references[${i}] must be an object`);
					return;
				}
				const hasNumber = toText(ref.reference_number) !== '';
				const hasId = toText(ref.reference_document_id) !== '';
				if (hasNumber && hasId) {
					problems.push(`references[${i}]: send reference_number or reference_document_id, never both`);
				} else if (!hasNumber && !hasId) {
					problems.push(`references[${i}]: reference_number or reference_document_id is required`);
				}
				references!.push({ ...ref });
			});
			if (references.length === 0) references = null;
		}
	}

	const inputTotals = isObject(body.totals) ? body.totals : {};
	const netAmount = toNumber(inputTotals.net_amount) ?? round2(net);
	const taxesAmount = toNumber(inputTotals.taxes_amount) ?? round2(taxes);
	const totalAmount = toNumber(inputTotals.total_amount) ?? round2(netAmount + taxesAmount);
	const totals: JsonObject = {
		...inputTotals,
		net_amount: netAmount,
		taxes_amount: taxesAmount,
		total_amount: totalAmount.toFixed(2),
	};
	const globalModifiers = Array.isArray(body.globals_discounts_surcharges)
		? (body.globals_discounts_surcharges.filter(isObject) as JsonObject[])
		: null;
	const paymentLink = isObject(body.payment_link) ? { ...body.payment_link } : null;

	if (problems.length > 0 || !country || accountId === undefined) {
		return inputError(body, problems.join('; '), origin);
	}

	const details = (body.details as JsonObject[]).map((line) => {
		const out: JsonObject = { ...line };
		out.quantity = (toNumber(line.quantity) ?? 0).toFixed(6);
		out.unit_price = (toNumber(line.unit_price) ?? 0).toFixed(6);
		return out;
	});

	const issuer = DEMO_ISSUERS[country];
	const info = COUNTRIES[country];
	const outHeader: JsonObject = {
		...header,
		account_id: accountId,
		document_type_id: type.id,
		document_type_taxbureau: type.taxBureauCode,
		received_issued_flag: header.received_issued_flag ?? 1,
		issue_date: issueDate,
		issuer_tax_id_code: header.issuer_tax_id_code ?? issuer.taxIdCode,
		issuer_tax_id_type: header.issuer_tax_id_type ?? info.taxIdType,
		issuer_legal_name: header.issuer_legal_name ?? issuer.legalName,
		issuer_country_id: header.issuer_country_id ?? info.countryId,
		currency_id: header.currency_id ?? info.defaultCurrencyId,
	};

	return {
		kind: 'ok',
		prepared: {
			body,
			type,
			country,
			accountId,
			draft,
			preview,
			forcedNumber,
			header: outHeader,
			details,
			references,
			globalModifiers: globalModifiers && globalModifiers.length > 0 ? globalModifiers : null,
			totals,
			options: { ...options },
			paymentLink,
			issueDate,
		},
	};
}
