/**
 * Small value helpers shared by the sandbox modules (no HTTP, no state).
 */
import type { JsonObject } from './types';

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Number or numeric string -> number; anything else -> undefined. */
export function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && value.trim() !== '' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
		return Number(value.trim());
	}
	return undefined;
}

export function toText(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') return String(value);
	return '';
}

export function round2(n: number): number {
	return Math.round((n + Number.EPSILON) * 100) / 100;
}

export function isTruthyFlag(value: unknown): boolean {
	return value === true || value === 1 || value === '1' || value === 'true';
}

export function todayIso(): string {
	return new Date().toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}


/** Koywe's date-time form in webhook payloads and subscriptions: `YYYY-MM-DD HH:MM:SS` (UTC here). */
export function koyweDateTime(at: Date = new Date()): string {
	return at.toISOString().slice(0, 19).replace('T', ' ');
}
