/**
 * Mexican SAT catalogues the Create form offers for the global invoice to the general public (CFDI 4.0
 * InformacionGlobal: `mx_header.global_periodicity`, `global_month`, `global_year`). Koywe documents the field
 * names (reference notes §4.9); the codes are SAT's catalogues c_Periodicidad and c_Meses (Anexo 20), not stated in
 * the Koywe reference notes, so `verified: false`.
 */

export interface SatCode {
	code: string;
	name: string;
	/** SAT's catalogue, not a Koywe source. */
	verified: false;
}

const sat = (code: string, name: string): SatCode => ({ code, name, verified: false });

/** c_Periodicidad: the period a global invoice covers. 05 (two months) goes with the months 13–18. */
// prettier-ignore
export const MX_GLOBAL_PERIODICITIES: readonly SatCode[] = [
	sat('01', 'Daily (Diario)'),
	sat('02', 'Weekly (Semanal)'),
	sat('03', 'Fortnightly (Quincenal)'),
	sat('04', 'Monthly (Mensual)'),
	sat('05', 'Two Months (Bimestral)'),
];

/** Periodicity of a two-month global invoice: only it uses the months 13–18. */
export const MX_BIMONTHLY_PERIODICITY = '05';

/** c_Meses: 01–12 the months, 13–18 the two-month periods. */
// prettier-ignore
export const MX_GLOBAL_MONTHS: readonly SatCode[] = [
	sat('01', 'January'), sat('02', 'February'), sat('03', 'March'),
	sat('04', 'April'), sat('05', 'May'), sat('06', 'June'),
	sat('07', 'July'), sat('08', 'August'), sat('09', 'September'),
	sat('10', 'October'), sat('11', 'November'), sat('12', 'December'),
	sat('13', 'January–February'), sat('14', 'March–April'), sat('15', 'May–June'),
	sat('16', 'July–August'), sat('17', 'September–October'), sat('18', 'November–December'),
];

/** SAT's defaults when a line gives no keys (Koywe assumes them, reference notes §3.3). */
export const MX_DEFAULT_PRODUCT_KEY = '01010101';
export const MX_DEFAULT_UNIT_KEY = 'E48';
