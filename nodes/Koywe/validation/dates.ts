/** Dates as Koywe writes them (YYYY-MM-DD), and "today" where the document is issued. */
import { COUNTRIES, type CountryCode } from '../data/countries';

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the text is written YYYY-MM-DD (whether or not the day exists). */
export function isDateText(value: unknown): value is string {
	return typeof value === 'string' && DATE_TEXT.test(value);
}

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	const m = DATE_TEXT.exec(value);
	if (!m) return false;
	const year = Number(m[1]);
	const month = Number(m[2]);
	const day = Number(m[3]);
	if (month < 1 || month > 12 || day < 1) return false;
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
	return day <= days;
}

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
