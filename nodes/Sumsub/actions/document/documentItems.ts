// Sumsub's document image metadata made into one item per image, and the filters of List Documents.
import type { IDataObject } from 'n8n-workflow';

import { unit21MediaTypeOfSumsubImage } from '../../../shared/evidence/unit21MediaTypes';
import type { MediaTypeOverrides } from '../../../shared/evidence/unit21MediaTypes';

/** One entry of `GET /resources/applicants/{id}/metadata/resources` (VENDORS-EVIDENCE.md §1.1). */
export interface SumsubImageMetadata {
	id?: string | number;
	previewId?: string | number;
	addedDate?: string;
	fileMetadata?: { fileName?: string; fileType?: string; fileSize?: number | string; resolution?: unknown };
	idDocDef?: { country?: string; idDocType?: string; idDocSubType?: string | null } | null;
	reviewResult?: { reviewAnswer?: string; rejectLabels?: string[]; reviewRejectType?: string } | null;
	attemptId?: string;
	source?: string;
	deactivated?: boolean;
}

export interface DocumentFilter {
	documentTypes: string[];
	sources: string[];
	onlyActive: boolean;
	onlyAccepted: boolean;
}

// Sumsub documents `fileType` without saying whether it is a MIME type or an extension.
const MIME_BY_EXTENSION: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	pdf: 'application/pdf',
	mp4: 'video/mp4',
	webm: 'video/webm',
	mov: 'video/quicktime',
	heic: 'image/heic',
};

function mimeTypeOf(fileType: string | undefined, fileName: string | undefined): string | null {
	const type = (fileType ?? '').trim().toLowerCase();
	if (type.includes('/')) return type;
	const extension = type || (fileName ?? '').split('.').pop()?.toLowerCase() || '';
	return MIME_BY_EXTENSION[extension] ?? null;
}

const idText = (value: unknown): string | null => (value === undefined || value === null || value === '' ? null : String(value));

/** One item per image, with the normalized fields of the public contract (DESIGN.md). */
export function documentItem(image: SumsubImageMetadata, applicantId: string, overrides: MediaTypeOverrides): IDataObject {
	const doc = image.idDocDef ?? {};
	const file = image.fileMetadata ?? {};
	// null or "" is an unknown size, not 0 bytes.
	const size = file.fileSize === null || file.fileSize === '' || file.fileSize === undefined ? NaN : Number(file.fileSize);
	const item = {
		imageId: idText(image.id),
		previewId: idText(image.previewId),
		applicantId,
		idDocType: doc.idDocType ?? null,
		idDocSubType: doc.idDocSubType ?? null,
		country: doc.country ?? null,
		fileName: file.fileName ?? null,
		mimeType: mimeTypeOf(file.fileType, file.fileName),
		size: Number.isFinite(size) ? size : null,
		addedDate: image.addedDate ?? null,
		attemptId: image.attemptId ?? null,
		source: image.source ?? null,
		deactivated: image.deactivated === true,
		reviewAnswer: image.reviewResult?.reviewAnswer ?? null,
		rejectLabels: image.reviewResult?.rejectLabels ?? [],
	};
	return { ...item, unit21MediaType: unit21MediaTypeOfSumsubImage(item, overrides) };
}

export function filterDocuments(items: IDataObject[], filter: DocumentFilter): IDataObject[] {
	return items.filter(
		(item) =>
			(!filter.onlyActive || item.deactivated !== true) &&
			(!filter.onlyAccepted || item.reviewAnswer === 'GREEN') &&
			(filter.documentTypes.length === 0 || filter.documentTypes.includes(String(item.idDocType))) &&
			// "videoident" also covers the newer "videoidentSnapshot".
			(filter.sources.length === 0 || filter.sources.some((source) => String(item.source ?? '').toLowerCase().startsWith(source))),
	);
}
