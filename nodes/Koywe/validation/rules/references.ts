/** `references[]`: what a note must point to, and what each reference entry needs. */
import { isNoteKind, type DocumentTypeInfo } from '../../data/documentTypes';
import { CL_REFERENCE_TYPES } from '../../data/referenceCodes';
import { isObject, text, type PlainObject } from '../../shared/values';
import { isIsoDate } from '../dates';
import { isPresent, toNumber } from '../numbers';
import { docLabel, type Collector } from './common';

export function checkReferences(
	body: PlainObject,
	info: DocumentTypeInfo | undefined,
	out: Collector,
): void {
	const refs = Array.isArray(body.references) ? body.references : [];
	const isNote = info ? isNoteKind(info.kind) : false;
	if (info && info.requiresReferences && refs.length === 0) {
		out.issue(
			'references',
			`references is required for ${docLabel(info)}: add one entry pointing to the corrected document, with document_type_id, reference_number or reference_document_id, reference_code and description.`,
		);
	}
	let pointsToDocument = false;
	refs.forEach((ref, i) => {
		if (!isObject(ref)) return;
		const at = `references[${i}]`;
		const hasNumber = isPresent(ref.reference_number);
		const hasId = isPresent(ref.reference_document_id);
		if (hasNumber && hasId) {
			out.issue(
				`${at}.reference_document_id`,
				`${at}.reference_number and ${at}.reference_document_id are both set; send only one (reference_document_id for a document issued in Koywe, reference_number for its folio or an external number).`,
			);
		} else if (!hasNumber && !hasId) {
			out.issue(
				`${at}.reference_number`,
				`${at}.reference_number is missing: give reference_number (the folio or external number) or reference_document_id (the Koywe document id).`,
			);
		}
		// A retention receipt's references list the retained invoices; they have no reason code.
		if (!isPresent(ref.reference_code) && info?.kind !== 'retention') {
			const message = `${at}.reference_code is missing; it says why the document is referenced (e.g. 1 cancels, 3 corrects amounts; Peru "01"/"03").`;
			if (isNote) out.issue(`${at}.reference_code`, message);
			else out.warn(message);
		}
		if (!isPresent(ref.description)) {
			out.warn(
				`${at}.description is missing; Koywe's specification marks it as required (a short reason, e.g. "Anula factura").`,
			);
		}
		if (isPresent(ref.reference_type)) {
			const type = toNumber(ref.reference_type);
			if (type !== undefined && !CL_REFERENCE_TYPES.some((t) => t.code === type)) {
				out.warn(
					`${at}.reference_type ${type} is not one of the documented non-tax reference types 801–815.`,
				);
			}
			if (isPresent(ref.reference_code) && text(ref.reference_code) !== '5') {
				out.warn(
					`${at}.reference_type is set, so reference_code is expected to be 5 (reference to a non-tax document), not ${text(ref.reference_code)}.`,
				);
			}
		} else {
			pointsToDocument = true;
			if (isNote && !isPresent(ref.document_type_id)) {
				out.warn(
					`${at}.document_type_id is missing; the examples give the type of the referenced document (e.g. 82 for a Colombian invoice).`,
				);
			}
		}
		if (isPresent(ref.reference_date) && !isIsoDate(text(ref.reference_date))) {
			out.warn(
				`${at}.reference_date "${text(ref.reference_date)}" is not a date written YYYY-MM-DD.`,
			);
		}
	});
	if (info && info.requiresReferences && refs.length > 0 && !pointsToDocument) {
		// A note must say which document it corrects. Non-tax references (801–815, e.g. the 802 transaction ID this
		// node adds) do not, and would otherwise hide the missing one.
		const message = `references: ${docLabel(info)} only has non-tax references (reference_type 801–815); add one pointing to the corrected document (document_type_id with reference_number or reference_document_id, and reference_code).`;
		if (isNote) out.issue('references', message);
		else out.warn(message);
	}
}
