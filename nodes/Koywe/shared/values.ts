import type { IDataObject } from 'n8n-workflow';

/** A JSON object as it arrives from Koywe or from a workflow: keys of unknown values. */
export type PlainObject = Record<string, unknown>;

/** True for a plain object: not null, not an array. */
export function isObject(value: unknown): value is PlainObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a plain object, otherwise an empty one (so nested reads never throw). */
export function asObject(value: unknown): IDataObject {
	return isObject(value) ? (value as IDataObject) : {};
}

/** The value when it is a list, otherwise an empty one. */
export function asList<T = unknown>(value: unknown): T[] {
	return Array.isArray(value) ? (value as T[]) : [];
}

/** The value as text, exactly as given ('' for undefined and null): for secrets and identifiers. */
export function stringOf(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

/** The value as trimmed text ('' for undefined and null): for what a person typed or mapped. */
export function text(value: unknown): string {
	return stringOf(value).trim();
}

/** "a, b or c": a short list for a message. */
export function listInWords(items: readonly string[], last = 'or'): string {
	if (items.length < 2) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}
