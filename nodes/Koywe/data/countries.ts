/**
 * Countries served by the Koywe Billing API and the Koywe catalogue ids that go with them.
 *
 * Sources (Koywe API reference notes): §4.1 (country ids), §4.3 (currency ids), §4.5 (tax-id types),
 * §3.3 (unit_measure examples), §4.7 (taxes). `unverified` names the values that rest on one source only, or on an
 * inference, and that source. Plain data only; no logic beyond small lookups.
 */

export type CountryCode = 'CL' | 'CO' | 'PE' | 'MX' | 'AR';

export type TaxBureau = 'SII' | 'DIAN' | 'SUNAT' | 'SAT' | 'ARCA';

export interface CountryInfo {
	code: CountryCode;
	/** English name. */
	name: string;
	/** Name as written in the country. */
	localName: string;
	/** Koywe `country_id` (issuer_country_id / receiver_country_id / accounts.country_id). */
	countryId: number;
	taxBureau: TaxBureau;
	/** Koywe `currency_id` of the local currency. */
	currencyId: number;
	/** ISO 4217 code of the local currency. */
	currencyCode: string;
	/** Tax-id type used for local companies. */
	defaultTaxIdType: string;
	/** IANA time zone used to decide "today" for issue dates. */
	timeZone: string;
	/** Usual `details[].unit_measure` value in this country's examples. */
	defaultUnitMeasure: string;
	/** Koywe `document_type_id` offered first: the ordinary invoice. */
	defaultDocumentType: number;
	/** The usual VAT of a guided line item that names no tax. */
	defaultVat: { taxTypeId: number; percentage: number };
	/**
	 * Document taxes are computed on the sum of the bases of each tax and rate (SII's header IVA and ARCA's
	 * per-rate VAT work that way) rather than by adding the line taxes (DIAN, SUNAT and CFDI carry taxes per line).
	 */
	taxTotalsByGroup: boolean;
	/** What to put in Receiver Tax ID beyond the usual type (generic ids, foreign receivers); shown in the form. */
	receiverHint: string;
	/**
	 * Values that rest on one source only or are inferred (the brief's `verified: false`), with that source. Every
	 * other value is stated in the reference notes.
	 */
	unverified: Partial<Record<keyof CountryInfo, string>>;
}

export const COUNTRY_CODES: readonly CountryCode[] = ['CL', 'CO', 'PE', 'MX', 'AR'];

export const COUNTRIES: Record<CountryCode, CountryInfo> = {
	CL: {
		code: 'CL',
		name: 'Chile',
		localName: 'Chile',
		countryId: 253,
		taxBureau: 'SII',
		currencyId: 39,
		currencyCode: 'CLP',
		defaultTaxIdType: 'CL-RUT',
		timeZone: 'America/Santiago',
		defaultUnitMeasure: 'UN',
		defaultDocumentType: 2,
		defaultVat: { taxTypeId: 387, percentage: 19 },
		taxTotalsByGroup: true,
		receiverHint:
			'A receipt (boleta) may leave it empty; a credit note for a receipt without buyer data uses 66666666-6. A foreign buyer on an export document: choose its own type (e.g. US-EIN) below.',
		unverified: {},
	},
	CO: {
		code: 'CO',
		name: 'Colombia',
		localName: 'Colombia',
		countryId: 66,
		taxBureau: 'DIAN',
		currencyId: 28,
		currencyCode: 'COP',
		defaultTaxIdType: 'CO-NIT',
		timeZone: 'America/Bogota',
		defaultUnitMeasure: 'UN',
		defaultDocumentType: 82,
		defaultVat: { taxTypeId: 388, percentage: 19 },
		taxTotalsByGroup: false,
		receiverHint:
			'The verification digit after the hyphen is optional. A foreign buyer: type CO-NOP (or its own type) and its Country ID in Receiver Details.',
		unverified: {},
	},
	PE: {
		code: 'PE',
		name: 'Peru',
		localName: 'Perú',
		countryId: 83,
		taxBureau: 'SUNAT',
		currencyId: 7,
		currencyCode: 'PEN',
		defaultTaxIdType: 'PE-RUC',
		timeZone: 'America/Lima',
		defaultUnitMeasure: 'NIU',
		defaultDocumentType: 96,
		defaultVat: { taxTypeId: 413, percentage: 18 },
		taxTotalsByGroup: false,
		receiverHint:
			'A receipt (boleta) under 700 soles may leave it empty; a person is identified by DNI (type PE-DNI, 8 digits).',
		unverified: { defaultVat: "413 IGV 18% rests on ROW's Peru table of codes only" },
	},
	MX: {
		code: 'MX',
		name: 'Mexico',
		localName: 'México',
		countryId: 80,
		taxBureau: 'SAT',
		currencyId: 31,
		currencyCode: 'MXN',
		defaultTaxIdType: 'MX-RFC',
		timeZone: 'America/Mexico_City',
		// Koywe's Mexican examples send unit_measure "UN" and the SAT unit key in details[].additional.mx_detail
		// (measure_unit_code, E48 when left out).
		defaultUnitMeasure: 'UN',
		defaultDocumentType: 76,
		defaultVat: { taxTypeId: 362, percentage: 16 },
		taxTotalsByGroup: false,
		receiverHint:
			"Without the buyer's RFC use XAXX010101000 (general public) or XEXX010101000 (foreigner), with the SAT regime 616.",
		unverified: {
			defaultUnitMeasure:
				'issue 12: Koywe\'s Mexican examples send "UN"; the reference notes list units for the other countries only',
			defaultVat: "362 IVA 16% rests on ROW's Mexico table of codes only",
			defaultDocumentType: "76 rests on ROW's Mexico table of codes only",
		},
	},
	AR: {
		code: 'AR',
		name: 'Argentina',
		localName: 'Argentina',
		countryId: 88,
		taxBureau: 'ARCA',
		currencyId: 1,
		currencyCode: 'ARS',
		defaultTaxIdType: 'AR-CUIT',
		timeZone: 'America/Argentina/Buenos_Aires',
		defaultUnitMeasure: 'UNI',
		defaultDocumentType: 111,
		defaultVat: { taxTypeId: 474, percentage: 21 },
		taxTotalsByGroup: true,
		receiverHint:
			"Written with or without hyphens (20-35726599-2). A final consumer on an Invoice B may be left without one; a foreign buyer on an Invoice E uses its country's CUIT país (50…, 51…, 55…).",
		unverified: {
			currencyId: 'inferred: every Argentina example (PM12) sends currency_id 1; no code table',
			defaultVat: 'id 474 at 21 % is seen in the PM12 examples; its name is inferred',
			defaultDocumentType: '111 rests on the PM12 examples only',
		},
	},
};

/**
 * Koywe `country_id` values of other countries that appear in the documented country tables and are
 * useful for foreign receivers. Not a complete world list.
 */
export const OTHER_COUNTRY_IDS: Readonly<Record<number, string>> = {
	65: 'Venezuela',
	82: 'Ecuador',
	84: 'Brazil',
	85: 'Bolivia',
	86: 'Paraguay',
	87: 'Uruguay',
	89: 'United States',
	90: 'Canada',
};

/** Country code for a Koywe country id, or undefined when it is not one of the five served countries. */
export function countryByCountryId(countryId: number): CountryCode | undefined {
	for (const code of COUNTRY_CODES) {
		if (COUNTRIES[code].countryId === countryId) return code;
	}
	return undefined;
}

/** Type guard for user-provided country codes. */
export function isCountryCode(value: unknown): value is CountryCode {
	return typeof value === 'string' && (COUNTRY_CODES as readonly string[]).indexOf(value) !== -1;
}
