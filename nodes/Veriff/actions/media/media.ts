// Veriff's media list: normalized into one item per file, and the media-type / capture / context filters.
import type { IDataObject } from 'n8n-workflow';

import { unit21MediaTypeOfVeriffFile } from '../../../shared/evidence/unit21MediaTypes';

/** A media object as Veriff returns it; size and duration arrive as numbers or strings. */
export interface VeriffMediaObject {
	id: string;
	name?: string;
	context?: string;
	timestamp?: unknown;
	size?: number | string | null;
	duration?: number | string | null;
	mimetype?: string;
	url?: string;
	sessionId?: string;
}

export interface VeriffMediaList {
	status?: string;
	images?: VeriffMediaObject[] | null;
	videos?: VeriffMediaObject[] | null;
	nfcDocuments?: VeriffMediaObject[] | null;
}

export type MediaKind = 'image' | 'video' | 'nfcDocument';

const LISTS: Array<[keyof VeriffMediaList, MediaKind]> = [
	['images', 'image'],
	['videos', 'video'],
	['nfcDocuments', 'nfcDocument'],
];

function toNumber(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const parsed = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(parsed) ? parsed : null;
}

/** "-pre" marks a first capture (face-pre, document-front-pre, face-pre-video…); no suffix = final. */
export function isFirstCapture(context: string | undefined): boolean {
	return /-pre(-|$)/.test(context ?? '');
}

/**
 * One flat item per file, with the field names DESIGN.md promises. `documentType` (Veriff's
 * PASSPORT, ID_CARD, DRIVERS_LICENSE…) picks the Unit21 media type of document photos.
 */
export function normalizeMediaList(
	list: VeriffMediaList,
	sessionId: string,
	attemptId?: string,
	documentType?: string,
): IDataObject[] {
	const files: IDataObject[] = [];
	for (const [key, type] of LISTS) {
		const entries = list[key];
		if (!Array.isArray(entries)) continue;
		for (const media of entries) {
			const file: IDataObject = {
				id: media.id,
				type,
				name: media.name ?? null,
				context: media.context ?? null,
				mimetype: media.mimetype ?? null,
				size: toNumber(media.size),
				url: media.url ?? null,
				sessionId: media.sessionId ?? sessionId,
			};
			if (type === 'video') file.duration = toNumber(media.duration);
			if (attemptId) file.attemptId = attemptId;
			file.unit21MediaType = unit21MediaTypeOfVeriffFile({ context: media.context, type }, documentType);
			files.push(file);
		}
	}
	return files;
}

export interface MediaFilter {
	types: MediaKind[];
	captures: 'all' | 'final' | 'first';
	contexts: string[];
}

export function filterMedia(files: IDataObject[], filter: MediaFilter): IDataObject[] {
	return files.filter((file) => {
		const context = String(file.context ?? '');
		if (!filter.types.includes(file.type as MediaKind)) return false;
		// NFC data has a single context and no first/final distinction.
		if (file.type !== 'nfcDocument') {
			if (filter.captures === 'final' && isFirstCapture(context)) return false;
			if (filter.captures === 'first' && !isFirstCapture(context)) return false;
		}
		if (filter.contexts.length > 0 && !filter.contexts.includes(context)) return false;
		return true;
	});
}
