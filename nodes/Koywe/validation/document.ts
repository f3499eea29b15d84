/**
 * Pre-send validation of a `POST /documents` body.
 *
 * Principle: a false rejection of a valid document is a serious bug. Only what the Koywe documentation states
 * (or what can never be valid, like a wrong check digit) becomes an issue; everything that is merely unusual
 * becomes a warning. Arithmetic mismatches are warnings unless `strictTotals` is set.
 */
import type { ZodIssue } from 'zod';

import { countryByCountryId, type CountryCode } from '../data/countries';
import { isObject, type PlainObject } from '../shared/values';
import { COUNTRY_RULES } from './countries';
import { formatPath, isPresent, toNumber } from './numbers';
import { checkAmounts } from './rules/amounts';
import { checkGlobalDiscounts } from './rules/globals';
import { checkDocumentType, checkIssueDate, checkTaxIds } from './rules/header';
import { checkDetails, checkTotalsPresence } from './rules/lines';
import { checkOptions } from './rules/options';
import { checkReferences } from './rules/references';
import { checkTexts } from './rules/text';
import type { Collector } from './rules/common';
import { DocumentBodySchema } from './schemas';
import { findTotalsMismatches } from './totals';
import type { ValidationContext, ValidationIssue, ValidationResult } from './types';

function zodIssueToValidationIssue(issue: ZodIssue): ValidationIssue {
	const path = formatPath(issue.path);
	const where = path === '' ? 'The document body' : path;
	let message: string;
	if (issue.code === 'invalid_type') {
		const expected =
			issue.expected === 'array'
				? 'a list (JSON array)'
				: issue.expected === 'object'
					? 'an object'
					: issue.expected;
		message = `${where} must be ${expected} (got ${issue.received}).`;
	} else {
		message = `${where} ${issue.message}`;
	}
	return { path, message };
}

/**
 * Validates a Koywe `POST /documents` body before it is sent.
 * `issues` block sending; `warnings` are remarks. Unknown keys are allowed everywhere.
 */
export function validateDocumentBody(body: unknown, ctx: ValidationContext = {}): ValidationResult {
	const issues: ValidationIssue[] = [];
	const warnings: string[] = [];
	const out: Collector = {
		issue: (path, message) => issues.push({ path, message }),
		warn: (message) => warnings.push(message),
	};
	if (!isObject(body)) {
		out.issue('', 'The document body must be a JSON object with header, details and totals.');
		return { issues, warnings };
	}
	const parsed = DocumentBodySchema.safeParse(body);
	if (!parsed.success)
		for (const zi of parsed.error.issues) issues.push(zodIssueToValidationIssue(zi));

	const header = isObject(body.header) ? body.header : undefined;
	if (!header) {
		if (body.header === undefined || body.header === null) {
			out.issue(
				'header',
				'header is missing: it holds document_type_id, issue_date, issuer and receiver.',
			);
		}
	}
	const h: PlainObject = header ?? {};
	const info = header ? checkDocumentType(h, ctx, out) : undefined;
	const country: CountryCode | undefined =
		ctx.country ?? info?.country ?? countryByCountryId(toNumber(h.issuer_country_id) ?? -1);

	if (header) {
		checkIssueDate(h, out);
		if (!isPresent(h.account_id))
			out.warn('header.account_id is missing; documents are issued under the account given there.');
		checkTaxIds(h, info, country, out);
	}
	checkDetails(body, info, country, out);
	checkAmounts(body, out);
	checkGlobalDiscounts(body, out);
	checkTexts(body, country, out);
	checkReferences(body, info, out);
	checkOptions(body, country, out);

	// Country rules apply to the document type's country; Colombia's receiver rules also to types outside the table.
	const rulesOf = info ? info.country : country === 'CO' ? country : undefined;
	if (header && rulesOf) COUNTRY_RULES[rulesOf]({ header: h, body, info, ctx }, out);

	// Totals: presence and arithmetic are warnings unless strictTotals.
	const totalsFindings: ValidationIssue[] = [];
	const totalsOut: Collector = {
		issue: (path, message) => totalsFindings.push({ path, message }),
		warn: out.warn,
	};
	checkTotalsPresence(body, info, totalsOut);
	if (!info || info.kind !== 'retention')
		totalsFindings.push(...findTotalsMismatches(body, country));
	for (const finding of totalsFindings) {
		if (ctx.strictTotals) issues.push(finding);
		else warnings.push(finding.message);
	}
	return { issues, warnings };
}
