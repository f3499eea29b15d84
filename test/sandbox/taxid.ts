/**
 * Tax id checks the sandbox applies to receivers (check-digit algorithms are public standards).
 */

/** Chilean RUT `12345678-9` (no dots, hyphen, check digit 0-9 or K). */
export function isValidRut(value: string): boolean {
	const m = /^(\d{1,8})-([\dkK])$/.exec(value);
	if (!m) return false;
	return rutCheckDigit(m[1]) === m[2].toUpperCase();
}

export function rutCheckDigit(body: string): string {
	let sum = 0;
	let weight = 2;
	for (let i = body.length - 1; i >= 0; i--) {
		sum += Number(body[i]) * weight;
		weight = weight === 7 ? 2 : weight + 1;
	}
	const dv = 11 - (sum % 11);
	if (dv === 11) return '0';
	if (dv === 10) return 'K';
	return String(dv);
}

/** Colombian NIT: digits, optionally `-` and the DIAN check digit (validated when present). */
export function isValidNit(value: string): boolean {
	const m = /^(\d{5,15})(?:-(\d))?$/.exec(value);
	if (!m) return false;
	if (m[2] === undefined) return true;
	return nitCheckDigit(m[1]) === Number(m[2]);
}

export function nitCheckDigit(body: string): number {
	const weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
	let sum = 0;
	const digits = body.split('').reverse();
	digits.forEach((d, i) => {
		sum += Number(d) * weights[i];
	});
	const r = sum % 11;
	return r > 1 ? 11 - r : r;
}

function mod11Eleven(value: string): number {
	const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
	let sum = 0;
	for (let i = 0; i < 10; i++) sum += Number(value[i]) * weights[i];
	return 11 - (sum % 11);
}

/** Peruvian RUC: 11 digits with SUNAT check digit. */
export function isValidRuc(value: string): boolean {
	if (!/^\d{11}$/.test(value)) return false;
	let dv = mod11Eleven(value);
	if (dv === 10) dv = 0;
	if (dv === 11) dv = 1;
	return dv === Number(value[10]);
}

/** Peruvian DNI: 8 digits. */
export function isValidDni(value: string): boolean {
	return /^\d{8}$/.test(value);
}

/** Argentine CUIT/CUIL: 11 digits (hyphens allowed) with check digit. */
export function isValidCuit(value: string): boolean {
	const digits = value.replace(/-/g, '');
	if (!/^\d{11}$/.test(digits)) return false;
	let dv = mod11Eleven(digits);
	if (dv === 11) dv = 0;
	if (dv === 10) return false;
	return dv === Number(digits[10]);
}

/** Mexican RFC (format only: 3-4 letters, yymmdd, 3 characters homoclave). */
export function isValidRfc(value: string): boolean {
	return /^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/.test(value.toUpperCase());
}
