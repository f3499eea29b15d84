/** JSON given in the form: as an object (an expression) or as text (pasted), and how it joins the built body. */
import type { IDataObject } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { isObject } from '../../../shared/values';
import type { InputIssue } from '../../issues';

export type ParsedJson = { value: IDataObject; issue?: undefined } | { issue: InputIssue };

/**
 * JSON that may arrive as an object (expression) or as text (pasted); an issue says where it is broken. Empty text
 * is an empty object; a field left out should be passed as '{}'.
 */
export function parseJsonObject(
	value: unknown,
	path: string,
	label: string,
	example = '{"key": "value"}',
): ParsedJson {
	if (isObject(value)) return { value: value as IDataObject };
	if (typeof value === 'string') {
		if (value.trim() === '') return { value: {} };
		try {
			const parsed = jsonParse<unknown>(value);
			if (isObject(parsed)) return { value: parsed as IDataObject };
		} catch (error) {
			return {
				issue: {
					path,
					message: `"${label}" is not valid JSON`,
					hint: `${(error as Error).message}. Paste a JSON object, or map one with an expression such as {{ $json.body }}.`,
				},
			};
		}
	}
	return {
		issue: {
			path,
			message: `"${label}" must be a JSON object`,
			hint: `Give an object like ${example}, not a list or a plain value.`,
		},
	};
}

/**
 * `extra` merged into `base`: objects merge key by key at every level (a block the form built keeps its fields),
 * lists and plain values from `extra` replace. Neither input is modified.
 */
export function deepMerge(base: IDataObject, extra: IDataObject): IDataObject {
	const merged: IDataObject = { ...base };
	for (const [key, value] of Object.entries(extra)) {
		const current = merged[key];
		merged[key] =
			isObject(current) && isObject(value)
				? deepMerge(current as IDataObject, value as IDataObject)
				: value;
	}
	return merged;
}
