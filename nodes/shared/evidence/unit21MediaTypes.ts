// Which Unit21 media_type a piece of KYC evidence is: from a Sumsub document's type and side, or a Veriff file's context.
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/*
 * Tables from ../shared/VENDORS-EVIDENCE.md §4. Unit21 formats and verifies only its own
 * values (IMAGE_PASSPORT_FRONT, IMAGE_ID_CARD_FRONT/BACK, IMAGE_DRIVERS_LICENSE_FRONT/BACK,
 * IMAGE_FACE_IMAGE, IMAGE_PROFILE_PICTURE, …) and accepts any other string; the values marked
 * "custom" below are this package's names for evidence Unit21 has no type for. The vendor's
 * own document type always travels along in custom_data.
 */

type Side = 'front' | 'back';

const SUMSUB_DOCUMENTS: Record<string, Record<Side, string>> = {
	PASSPORT: { front: 'IMAGE_PASSPORT_FRONT', back: 'IMAGE_PASSPORT_BACK' /* custom */ },
	ID_CARD: { front: 'IMAGE_ID_CARD_FRONT', back: 'IMAGE_ID_CARD_BACK' },
	DRIVERS: { front: 'IMAGE_DRIVERS_LICENSE_FRONT', back: 'IMAGE_DRIVERS_LICENSE_BACK' },
	RESIDENCE_PERMIT: { front: 'IMAGE_ID_CARD_FRONT', back: 'IMAGE_ID_CARD_BACK' },
};

const SUMSUB_SINGLE: Record<string, string> = {
	SELFIE: 'IMAGE_FACE_IMAGE',
	VIDEO_SELFIE: 'VIDEO_SELFIE', // custom
	PROFILE_IMAGE: 'IMAGE_PROFILE_PICTURE',
};

/** Overrides typed by the user: `{"PASSPORT": "…", "ID_CARD:BACK_SIDE": "…"}`. */
export type MediaTypeOverrides = Record<string, string>;

/** The Unit21 media type of a Sumsub document image, or null when nothing fits (no document type). */
export function unit21MediaTypeOfSumsubImage(
	image: { idDocType?: string | null; idDocSubType?: string | null; source?: string | null },
	overrides: MediaTypeOverrides = {},
): string | null {
	const type = (image.idDocType ?? '').toUpperCase();
	const subType = (image.idDocSubType ?? '').toUpperCase();
	// A single-sided image (no side) is the front, as in VENDORS-EVIDENCE.md §4.
	const override = overrides[`${type}:${subType || 'FRONT_SIDE'}`] ?? overrides[type];
	if (override) return override;
	if (type === '') {
		// Liveness and Video Ident frames come without a document: they show the face.
		return /^(liveness|videoident)/i.test(image.source ?? '') ? 'IMAGE_FACE_IMAGE' : null;
	}
	const twoSided = SUMSUB_DOCUMENTS[type];
	if (twoSided) return twoSided[subType === 'BACK_SIDE' ? 'back' : 'front'];
	return SUMSUB_SINGLE[type] ?? `DOCUMENT_${type}`; // custom: utility bills, bank statements, …
}

/** Veriff's document types (decision `verification.document.type`) → the key of VERIFF_DOCUMENTS. */
const VERIFF_DOCUMENT_KIND: Record<string, 'PASSPORT' | 'ID_CARD' | 'DRIVERS_LICENSE'> = {
	PASSPORT: 'PASSPORT',
	DRIVERS_LICENSE: 'DRIVERS_LICENSE',
	ID_CARD: 'ID_CARD',
	RESIDENCE_PERMIT: 'ID_CARD',
	VISA: 'ID_CARD',
	OTHER: 'ID_CARD',
};

const VERIFF_DOCUMENTS: Record<'PASSPORT' | 'ID_CARD' | 'DRIVERS_LICENSE', Record<Side, string>> = {
	PASSPORT: { front: 'IMAGE_PASSPORT_FRONT', back: 'IMAGE_PASSPORT_BACK' /* custom */ },
	ID_CARD: { front: 'IMAGE_ID_CARD_FRONT', back: 'IMAGE_ID_CARD_BACK' },
	DRIVERS_LICENSE: { front: 'IMAGE_DRIVERS_LICENSE_FRONT', back: 'IMAGE_DRIVERS_LICENSE_BACK' },
};

/**
 * The Unit21 media type of a Veriff file, from its context (`document-front`, `face-pre`, …)
 * and the session's document type when known (an ID card when not). Null for NFC data,
 * which is no Unit21 file type.
 */
export function unit21MediaTypeOfVeriffFile(
	file: { context?: string | null; type?: string | null },
	documentType?: string | null,
): string | null {
	const context = (file.context ?? '').toLowerCase();
	if (file.type === 'nfcDocument' || context.endsWith('nfc') && context.startsWith('document')) return null;
	if (file.type === 'video' || context.endsWith('video')) return context.startsWith('document') ? 'VIDEO_DOCUMENT' : 'VIDEO_SELFIE';
	if (/face-cropped$/.test(context)) return 'IMAGE_FACE_CROP';
	if (context.startsWith('document-and-face')) return 'IMAGE_DOCUMENT_AND_FACE';
	if (/^document-(front|back)-.*(barcode|qrcode|signature)/.test(context)) return 'IMAGE_DOCUMENT_DETAIL';
	if (/^(face|registry-face)/.test(context)) return 'IMAGE_FACE_IMAGE';
	if (context.startsWith('address')) return 'DOCUMENT_PROOF_OF_ADDRESS';
	if (context.startsWith('generic-document')) return 'DOCUMENT_GENERIC';
	const side = /^document-(front|back)(-pre)?$/.exec(context)?.[1] as Side | undefined;
	if (!side) return null;
	const kind = VERIFF_DOCUMENT_KIND[(documentType ?? '').toUpperCase()] ?? 'ID_CARD';
	return VERIFF_DOCUMENTS[kind][side];
}

/**
 * What a piece of evidence was, for Unit21's custom_data: for Sumsub images vendor, ids,
 * document type, side and country; for Veriff files vendor, session, media id, context, attempt.
 */
export function evidenceDetails(item: IDataObject): IDataObject | undefined {
	const pick = (keys: string[]) =>
		Object.fromEntries(keys.filter((key) => item[key] !== undefined && item[key] !== null).map((key) => [key, item[key]]));
	if (typeof item.imageId === 'string' && 'idDocType' in item) {
		return {
			vendor: 'sumsub',
			...pick(['applicantId', 'imageId', 'idDocType', 'idDocSubType', 'country', 'attemptId', 'source', 'reviewAnswer', 'addedDate']),
		};
	}
	if (typeof item.sessionId === 'string' && 'context' in item) {
		return { vendor: 'veriff', ...pick(['sessionId', 'attemptId', 'context']), mediaId: item.mediaId ?? item.id };
	}
	return undefined;
}

/** The option that lets users change the table: a JSON object from document type (and side) to media type. */
export const mediaTypeOverridesField: INodeProperties = {
	displayName: 'Unit21 Media Type Overrides (JSON)',
	name: 'mediaTypeOverrides',
	type: 'json',
	default: '{}',
	placeholder: '{"RESIDENCE_PERMIT:FRONT_SIDE": "IMAGE_RESIDENCE_PERMIT_FRONT"}',
	description:
		'Changes the Unit21 media type given to each item (unit21MediaType): keys are a document type, or a document type and side joined by ":", values the media_type to send',
};

/** Reads Unit21 Media Type Overrides; a clear error naming the item when it is not a JSON object of strings. */
export function readMediaTypeOverrides(ctx: IExecuteFunctions, value: unknown, itemIndex: number): MediaTypeOverrides {
	if (value === undefined || value === null || value === '' || value === '{}') return {};
	// n8n's jsonParse rethrows unless the fallback is a value: a symbol marks "not JSON".
	const parsed = typeof value === 'string' ? jsonParse<unknown>(value, { fallbackValue: Symbol.for('invalid') }) : value;
	const valid =
		typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every((v) => typeof v === 'string');
	if (!valid) {
		throw new NodeOperationError(ctx.getNode(), `Unit21 Media Type Overrides (JSON) is not a JSON object of texts (item ${itemIndex})`, {
			itemIndex,
			description: 'Enter e.g. {"PASSPORT": "IMAGE_PASSPORT_FRONT", "ID_CARD:BACK_SIDE": "IMAGE_ID_CARD_BACK"}.',
		});
	}
	return Object.fromEntries(Object.entries(parsed as Record<string, string>).map(([key, type]) => [key.toUpperCase(), type]));
}
