/** What every rule of the body validation shares: where findings go, and how documents are named in them. */
import type { CountryCode } from '../../data/countries';
import { documentTypesFor, type DocumentTypeInfo } from '../../data/documentTypes';
import type { PlainObject } from '../../shared/values';
import type { ValidationContext } from '../types';

/** Where a rule reports: an issue blocks sending (and names its field), a warning is a remark. */
export interface Collector {
	issue(path: string, message: string): void;
	warn(message: string): void;
}

/** What a country's rules look at. */
export interface RuleInput {
	header: PlainObject;
	body: PlainObject;
	/** The document type, when it is one of the table; some rules need it, some apply to any type. */
	info?: DocumentTypeInfo;
	ctx: ValidationContext;
}

export type CountryRules = (input: RuleInput, out: Collector) => void;

export function docLabel(info: DocumentTypeInfo): string {
	return `${info.englishName} (document_type_id ${info.id})`;
}

export function validIdsText(country: CountryCode): string {
	return documentTypesFor(country)
		.map((d) => `${d.id} ${d.name}`)
		.join(', ');
}
