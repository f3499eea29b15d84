/**
 * Small but real files for the sandbox: an XML, a valid PDF 1.4 page and a PNG "stamp".
 * None of them is a tax document; each says so.
 */
import { deflateSync } from 'node:zlib';

export interface FileFacts {
	country: string;
	taxBureau: string;
	documentTypeName: string;
	taxBureauCode: string;
	documentNumber: number | null;
	documentId: number;
	issueDate: string;
	issuerTaxId: string;
	receiverTaxId: string;
	receiverName: string;
	netAmount: number;
	taxesAmount: number;
	totalAmount: number;
}

function xmlEscape(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

export function buildXml(f: FileFacts): string {
	const e = (v: string | number | null) => xmlEscape(v === null ? '' : String(v));
	if (f.country === 'CL') {
		return [
			'<?xml version="1.0" encoding="UTF-8"?>',
			'<!-- Koywe sandbox: simulated document, not valid for any tax authority -->',
			'<DTE version="1.0">',
			`<Documento ID="SANDBOX-${e(f.documentId)}">`,
			'<Encabezado>',
			`<IdDoc><TipoDTE>${e(f.taxBureauCode)}</TipoDTE><Folio>${e(f.documentNumber)}</Folio><FchEmis>${e(f.issueDate)}</FchEmis></IdDoc>`,
			`<Emisor><RUTEmisor>${e(f.issuerTaxId)}</RUTEmisor></Emisor>`,
			`<Receptor><RUTRecep>${e(f.receiverTaxId)}</RUTRecep><RznSocRecep>${e(f.receiverName)}</RznSocRecep></Receptor>`,
			`<Totales><MntNeto>${e(f.netAmount)}</MntNeto><IVA>${e(f.taxesAmount)}</IVA><MntTotal>${e(f.totalAmount)}</MntTotal></Totales>`,
			'</Encabezado>',
			'</Documento>',
			'</DTE>',
			'',
		].join('\n');
	}
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<!-- Koywe sandbox: simulated document, not valid for any tax authority -->',
		`<SandboxDocument country="${e(f.country)}" taxBureau="${e(f.taxBureau)}" type="${e(f.taxBureauCode)}">`,
		`<DocumentId>${e(f.documentId)}</DocumentId>`,
		`<Number>${e(f.documentNumber)}</Number>`,
		`<IssueDate>${e(f.issueDate)}</IssueDate>`,
		`<Issuer>${e(f.issuerTaxId)}</Issuer>`,
		`<Receiver name="${e(f.receiverName)}">${e(f.receiverTaxId)}</Receiver>`,
		`<Totals net="${e(f.netAmount)}" taxes="${e(f.taxesAmount)}" total="${e(f.totalAmount)}"/>`,
		'</SandboxDocument>',
		'',
	].join('\n');
}

function pdfText(value: string): string {
	// Keep to printable ASCII and escape PDF string delimiters.
	return value
		.replace(/[^\x20-\x7e]/g, '?')
		.replace(/\\/g, '\\\\')
		.replace(/\(/g, '\\(')
		.replace(/\)/g, '\\)');
}

/** A one-page PDF 1.4 with correct xref offsets. */
export function buildPdf(lines: string[]): Buffer {
	const textOps = lines
		.map((line, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 56 ${780 - i * 22} Td (${pdfText(line)}) Tj ET`)
		.join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
		`<< /Length ${Buffer.byteLength(textOps, 'latin1')} >>\nstream\n${textOps}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xrefOffset = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

export function documentPdf(f: FileFacts, preview = false): Buffer {
	const folio = f.documentNumber === null ? 'no folio' : `No ${f.documentNumber}`;
	return buildPdf([
		preview ? `${f.documentTypeName} - PREVIEW, not issued` : `${f.documentTypeName} ${folio}`,
		'KOYWE SANDBOX - simulated document, not a tax document',
		preview
			? `${f.taxBureau} code ${f.taxBureauCode} - draft preview, nothing stored or sent`
			: `${f.taxBureau} code ${f.taxBureauCode} - document_id ${f.documentId}`,
		`Issue date: ${f.issueDate}`,
		`Issuer: ${f.issuerTaxId}`,
		`Receiver: ${f.receiverName} ${f.receiverTaxId}`.trim(),
		`Net: ${f.netAmount.toFixed(2)}  Taxes: ${f.taxesAmount.toFixed(2)}  Total: ${f.totalAmount.toFixed(2)}`,
	]);
}

const CRC_TABLE: number[] = (() => {
	const table: number[] = [];
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table.push(c >>> 0);
	}
	return table;
})();

export function crc32(buf: Buffer): number {
	let c = 0xffffffff;
	for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([len, typeAndData, crc]);
}

/** A small grayscale PNG whose stripes depend on the seed (stand-in for the PDF417 "timbre"). */
export function stampPng(seed: number, width = 24, height = 8): Buffer {
	const rows: Buffer[] = [];
	for (let y = 0; y < height; y++) {
		const row = Buffer.alloc(width + 1);
		row[0] = 0; // filter: none
		for (let x = 0; x < width; x++) row[x + 1] = ((seed >> (x % 16)) ^ x ^ y) & 1 ? 0 : 255;
		rows.push(row);
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 0; // grayscale
	ihdr[10] = 0;
	ihdr[11] = 0;
	ihdr[12] = 0;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', ihdr),
		pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}
