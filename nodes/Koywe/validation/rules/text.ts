/**
 * Every text of the body, known field or not: characters a tax document must never carry, and lengths.
 *
 * - Refused: C0 control characters (NUL, ESC…) other than tab and line breaks, DEL, C1 controls, and the
 *   bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069). The first cannot be written in the
 *   documents' XML at all; the overrides make the printed text read differently from what is sent (a name or an
 *   amount shown reversed).
 * - Tab and line breaks in a one-line field (a name, an address) are a warning: the XML can carry them, but the
 *   document prints them oddly. Long descriptions and observations may hold them.
 * - Lengths: data/textLimits.ts (published limits warn, sanity bounds refuse).
 */
import type { CountryCode } from '../../data/countries';
import { findTextFieldLimit, type TextBlock } from '../../data/textLimits';
import { isObject, listInWords } from '../../shared/values';
import { characterCount, formatPath } from '../numbers';
import type { Collector } from './common';

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** C0 (but tab, LF, CR), DEL, C1, and the bidi embeddings, overrides and isolates. */
function isForbidden(code: number): boolean {
	if (code < 0x20) return code !== TAB && code !== LINE_FEED && code !== CARRIAGE_RETURN;
	return (
		(code >= 0x7f && code <= 0x9f) ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069)
	);
}

/** The first forbidden character and its position in characters (1-based), if any. */
function firstForbidden(value: string): { char: string; position: number } | undefined {
	let position = 0;
	for (const char of value) {
		position++;
		if (isForbidden(char.codePointAt(0) ?? 0)) return { char, position };
	}
	return undefined;
}

const LINE_BREAK_OR_TAB = /[\t\n\r]/;

const codePoint = (char: string) =>
	`U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** What the character is, and why it cannot be sent. */
function describeForbidden(char: string): [string, string] {
	const code = char.codePointAt(0) ?? 0;
	if (code >= 0x202a)
		return [
			'a bidirectional control character',
			'makes the printed text read differently from what is sent',
		];
	return ['a control character', 'a tax document cannot carry'];
}

/** The block ('header', 'details', 'references') and field of a path, when it is one of a block's own fields. */
function blockField(segments: ReadonlyArray<string | number>): [TextBlock, string] | undefined {
	const [first, second, third] = segments;
	if (first === 'header' && typeof second === 'string' && segments.length === 2)
		return ['header', second];
	if (
		(first === 'details' || first === 'references') &&
		typeof second === 'number' &&
		typeof third === 'string' &&
		segments.length === 3
	)
		return [first, third];
	return undefined;
}

function checkString(
	value: string,
	segments: ReadonlyArray<string | number>,
	country: CountryCode | undefined,
	out: Collector,
): void {
	const path = formatPath(segments);
	const known = blockField(segments);
	const limit = known ? findTextFieldLimit(known[0], known[1]) : undefined;
	const forbidden = firstForbidden(value);
	if (forbidden) {
		const [what, why] = describeForbidden(forbidden.char);
		out.issue(
			path,
			`${path} contains ${what} (${codePoint(forbidden.char)}) at character ${forbidden.position}, which ${why}: remove it (it often comes from copied or badly decoded text).`,
		);
	} else if (!limit?.multiline && LINE_BREAK_OR_TAB.test(value)) {
		out.warn(
			`${path} contains a line break or a tab; it is a one-line field on the document, so it may print oddly. Replace them with spaces (e.g. {{ $json.field.replace(/\\s+/g, ' ') }}).`,
		);
	}
	if (!limit) return;
	const length = characterCount(value);
	if (length > limit.sanityMax) {
		out.issue(
			path,
			`${path} has ${length} characters: no tax document carries more than ${limit.sanityMax} there (a sanity bound, not a published limit), so this is a mapping mistake.`,
		);
		return;
	}
	const applicable = limit.published
		.filter((p) => !p.countries || (country !== undefined && p.countries.indexOf(country) !== -1))
		.sort((a, b) => a.max - b.max);
	const smallest = applicable[0];
	if (smallest && length > smallest.max) {
		const others = applicable.filter((p) => p !== smallest && length > p.max);
		const also = others.length
			? `; also over ${listInWords(
					others.map((p) => `${p.max} (${p.source})`),
					'and',
				)}`
			: '';
		out.warn(
			`${path} has ${length} characters; ${smallest.source} allows ${smallest.max}${also}. It is sent as given, but may be shortened or refused.${limit.hint ? ` ${limit.hint}` : ''}`,
		);
	}
}

function walk(
	value: unknown,
	segments: Array<string | number>,
	country: CountryCode | undefined,
	out: Collector,
): void {
	if (typeof value === 'string') checkString(value, segments, country, out);
	else if (Array.isArray(value))
		value.forEach((item, i) => walk(item, [...segments, i], country, out));
	else if (isObject(value))
		for (const key of Object.keys(value)) walk(value[key], [...segments, key], country, out);
}

/** Checks every text of the body: forbidden characters anywhere, lengths of the fields data/ knows. */
export function checkTexts(
	body: Record<string, unknown>,
	country: CountryCode | undefined,
	out: Collector,
): void {
	walk(body, [], country, out);
}
