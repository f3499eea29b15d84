/**
 * Lengths of the text fields of a document body, counted in characters as a person counts them (code points).
 *
 * - `published`: a limit Koywe or a tax authority publishes. Exceeding it is a **warning**: Koywe may shorten the
 *   text or map it to a longer field, and one of Koywe's own examples exceeds its own line_description limit, so a
 *   refusal would not be certain. Only the smallest limit that applies to the document's country is reported.
 * - `sanityMax`: no published limit, a bound no tax document comes near. Exceeding it is an **error**: a 2 MB name
 *   is a mapping mistake, never a name.
 *
 * Sources: Koywe's specification (OAS, reference notes §3.3) for line_description; the SII's electronic document
 * format (Formato DTE) for the Chilean limits; SAT's CFDI 4.0 schema (Anexo 20) for the Mexican ones. The tax
 * authorities' limits are not in the Koywe reference notes and rest on one source each: `verified: false`.
 */

import type { CountryCode } from './countries';

export interface PublishedLength {
	max: number;
	/** Countries where it applies; undefined = every country. */
	countries?: readonly CountryCode[];
	/** Who publishes it, and the field's name there. */
	source: string;
	verified: boolean;
}

export type TextBlock = 'header' | 'details' | 'references';

export interface TextFieldLimit {
	block: TextBlock;
	field: string;
	/** Line breaks and tabs belong in this field (long descriptions, observations). */
	multiline: boolean;
	published: readonly PublishedLength[];
	/** Longer than this is refused. */
	sanityMax: number;
	/** What to do about a text over the published limit. */
	hint?: string;
}

/** Names, addresses and other one-line texts: nothing a tax document carries comes near 1000 characters. */
const LINE = 1000;
/** Tax ids and codes: none comes near 100 characters. */
const CODE = 100;
/** Long descriptions and observations. */
const LONG = 10000;

const SII = (field: string, max: number): PublishedLength => ({
	max,
	countries: ['CL'],
	source: `SII (Formato DTE, ${field})`,
	verified: false,
});
const CFDI = (field: string, max: number): PublishedLength => ({
	max,
	countries: ['MX'],
	source: `SAT (CFDI 4.0, ${field})`,
	verified: false,
});

const f = (
	block: TextBlock,
	field: string,
	sanityMax: number,
	published: readonly PublishedLength[] = [],
	extra: Partial<TextFieldLimit> = {},
): TextFieldLimit => ({ block, field, multiline: false, published, sanityMax, ...extra });

// prettier-ignore
export const TEXT_FIELD_LIMITS: readonly TextFieldLimit[] = [
	f('header', 'issuer_tax_id_code', CODE),
	f('header', 'receiver_tax_id_code', CODE),
	f('header', 'issuer_legal_name', LINE, [SII('RznSoc', 100)]),
	f('header', 'receiver_legal_name', LINE, [SII('RznSocRecep', 100)]),
	f('header', 'issuer_activity', LINE, [SII('GiroEmis', 80)]),
	f('header', 'receiver_activity', LINE, [SII('GiroRecep', 40)]),
	f('header', 'issuer_address', LINE, [SII('DirOrigen', 70)]),
	f('header', 'receiver_address', LINE, [SII('DirRecep', 70)]),
	f('header', 'issuer_district', LINE, [SII('CmnaOrigen', 20)]),
	f('header', 'receiver_district', LINE, [SII('CmnaRecep', 20)]),
	f('header', 'issuer_city', LINE, [SII('CiudadOrigen', 20)]),
	f('header', 'receiver_city', LINE, [SII('CiudadRecep', 20)]),
	f('header', 'issuer_department', LINE),
	f('header', 'receiver_department', LINE),
	f('header', 'receiver_email', LINE, [SII('CorreoRecep', 80)]),
	f('header', 'issuer_phone', LINE),
	f('header', 'receiver_phone', LINE),
	f('header', 'issuer_postalcode', CODE),
	f('header', 'receiver_postalcode', CODE),
	f('header', 'postal_code', CODE),
	f('header', 'receiver_county_id', CODE),
	f('header', 'branch_office_code', CODE),
	f('header', 'document_sequence_code', CODE),
	f('header', 'payment_conditions', LINE),
	f('header', 'port_embarkation', LINE),
	f('header', 'port_disembarkation', LINE),
	f('header', 'shipping_address', LINE),
	f('header', 'observations', LONG, [], { multiline: true }),
	f('details', 'line_description', LINE, [
		{ max: 100, source: "Koywe's specification (one of its own Peruvian examples sends 134)", verified: false },
		SII('NmbItem', 80),
	], { hint: 'If Koywe or the tax authority shortens it, put the rest in long_description.' }),
	f('details', 'long_description', LONG, [SII('DscItem', 1000)], { multiline: true }),
	f('details', 'sku', LINE, [SII('VlrCodigo', 35), CFDI('NoIdentificacion', 100)]),
	f('details', 'unit_measure', CODE, [SII('UnmdItem', 4), CFDI('Unidad', 20)]),
	f('references', 'description', LINE, [SII('RazonRef', 90)]),
	f('references', 'reference_number', LINE, [SII('FolioRef', 18)]),
	f('references', 'reference_branch_office_code', CODE),
];

/** The limits of a field of a block, if this table knows it. */
export function findTextFieldLimit(block: TextBlock, field: string): TextFieldLimit | undefined {
	return TEXT_FIELD_LIMITS.find((limit) => limit.block === block && limit.field === field);
}
