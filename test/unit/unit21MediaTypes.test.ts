/**
 * The Unit21 media_type of a piece of evidence, row by row from VENDORS-EVIDENCE.md §4 (both
 * tables) written out here as literals, and the user's overrides (by type, by type and side).
 */
import { unit21MediaTypeOfSumsubImage, unit21MediaTypeOfVeriffFile } from '../../nodes/shared/evidence/unit21MediaTypes';

describe('Sumsub idDocDef → Unit21 media_type (VENDORS-EVIDENCE.md §4)', () => {
	const ROWS: Array<[string, string | null, string]> = [
		['PASSPORT', null, 'IMAGE_PASSPORT_FRONT'],
		['PASSPORT', 'FRONT_SIDE', 'IMAGE_PASSPORT_FRONT'],
		['PASSPORT', 'BACK_SIDE', 'IMAGE_PASSPORT_BACK'],
		['ID_CARD', 'FRONT_SIDE', 'IMAGE_ID_CARD_FRONT'],
		['ID_CARD', null, 'IMAGE_ID_CARD_FRONT'],
		['ID_CARD', 'BACK_SIDE', 'IMAGE_ID_CARD_BACK'],
		['DRIVERS', 'FRONT_SIDE', 'IMAGE_DRIVERS_LICENSE_FRONT'],
		['DRIVERS', null, 'IMAGE_DRIVERS_LICENSE_FRONT'],
		['DRIVERS', 'BACK_SIDE', 'IMAGE_DRIVERS_LICENSE_BACK'],
		['RESIDENCE_PERMIT', 'FRONT_SIDE', 'IMAGE_ID_CARD_FRONT'],
		['RESIDENCE_PERMIT', 'BACK_SIDE', 'IMAGE_ID_CARD_BACK'],
		['SELFIE', null, 'IMAGE_FACE_IMAGE'],
		['VIDEO_SELFIE', null, 'VIDEO_SELFIE'],
		['PROFILE_IMAGE', null, 'IMAGE_PROFILE_PICTURE'],
		['UTILITY_BILL', null, 'DOCUMENT_UTILITY_BILL'],
		['BANK_STATEMENT', null, 'DOCUMENT_BANK_STATEMENT'],
		// "other" types: DOCUMENT_<idDocType>
		['OTHER', null, 'DOCUMENT_OTHER'],
		['COMPANY_DOC', null, 'DOCUMENT_COMPANY_DOC'],
		['POWER_OF_ATTORNEY', null, 'DOCUMENT_POWER_OF_ATTORNEY'],
		['TAX_RETURN', null, 'DOCUMENT_TAX_RETURN'],
		['RENTAL_AGREEMENT', null, 'DOCUMENT_RENTAL_AGREEMENT'],
	];

	it.each(ROWS)('%s / %s → %s', (idDocType, idDocSubType, expected) => {
		expect(unit21MediaTypeOfSumsubImage({ idDocType, idDocSubType, source: 'docapture' })).toBe(expected);
		// The source does not matter once there is a document type.
		expect(unit21MediaTypeOfSumsubImage({ idDocType, idDocSubType, source: 'liveness' })).toBe(expected);
		expect(unit21MediaTypeOfSumsubImage({ idDocType, idDocSubType })).toBe(expected);
	});

	it.each(['liveness', 'videoident', 'videoidentSnapshot'])('a %s frame with no idDocDef → IMAGE_FACE_IMAGE', (source) => {
		expect(unit21MediaTypeOfSumsubImage({ source })).toBe('IMAGE_FACE_IMAGE');
		expect(unit21MediaTypeOfSumsubImage({ idDocType: null, idDocSubType: null, source })).toBe('IMAGE_FACE_IMAGE');
	});

	it.each(['docapture', 'fileupload', 'nfc', 'externaldb', null])('no document type from source %s → null (nothing Unit21 knows)', (source) => {
		expect(unit21MediaTypeOfSumsubImage({ idDocType: null, source })).toBeNull();
	});

	describe('overrides', () => {
		it('by type and side: the documented option for residence permits', () => {
			const overrides = { 'RESIDENCE_PERMIT:FRONT_SIDE': 'IMAGE_RESIDENCE_PERMIT_FRONT', 'RESIDENCE_PERMIT:BACK_SIDE': 'IMAGE_RESIDENCE_PERMIT_BACK' };
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'RESIDENCE_PERMIT', idDocSubType: 'FRONT_SIDE' }, overrides)).toBe('IMAGE_RESIDENCE_PERMIT_FRONT');
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'RESIDENCE_PERMIT', idDocSubType: 'BACK_SIDE' }, overrides)).toBe('IMAGE_RESIDENCE_PERMIT_BACK');
			// Other types keep the table.
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'ID_CARD', idDocSubType: 'FRONT_SIDE' }, overrides)).toBe('IMAGE_ID_CARD_FRONT');
		});

		it('by type: every side of that type', () => {
			const overrides = { UTILITY_BILL: 'IMAGE_PROOF_OF_ADDRESS', DRIVERS: 'IMAGE_DRIVING_LICENCE' };
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'UTILITY_BILL', idDocSubType: null }, overrides)).toBe('IMAGE_PROOF_OF_ADDRESS');
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'DRIVERS', idDocSubType: 'FRONT_SIDE' }, overrides)).toBe('IMAGE_DRIVING_LICENCE');
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'DRIVERS', idDocSubType: 'BACK_SIDE' }, overrides)).toBe('IMAGE_DRIVING_LICENCE');
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'BANK_STATEMENT', idDocSubType: null }, overrides)).toBe('DOCUMENT_BANK_STATEMENT');
		});

		it('an image without a side is the front: a TYPE:FRONT_SIDE key applies to it (§4: "null / FRONT_SIDE")', () => {
			const overrides = { 'PASSPORT:FRONT_SIDE': 'IMAGE_PASSPORT_DATA_PAGE' };
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'PASSPORT', idDocSubType: null }, overrides)).toBe('IMAGE_PASSPORT_DATA_PAGE');
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'PASSPORT', idDocSubType: 'FRONT_SIDE' }, overrides)).toBe('IMAGE_PASSPORT_DATA_PAGE');
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'PASSPORT', idDocSubType: 'BACK_SIDE' }, overrides)).toBe('IMAGE_PASSPORT_BACK');
		});

		it('a type-and-side key wins over a type key; the other side keeps the type key', () => {
			const overrides = { ID_CARD: 'IMAGE_NATIONAL_ID', 'ID_CARD:BACK_SIDE': 'IMAGE_NATIONAL_ID_BACK' };
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'ID_CARD', idDocSubType: 'BACK_SIDE' }, overrides)).toBe('IMAGE_NATIONAL_ID_BACK');
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'ID_CARD', idDocSubType: 'FRONT_SIDE' }, overrides)).toBe('IMAGE_NATIONAL_ID');
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'ID_CARD', idDocSubType: null }, overrides)).toBe('IMAGE_NATIONAL_ID');
		});

		it('an override of one side only leaves the other side on the table', () => {
			const overrides = { 'PASSPORT:BACK_SIDE': 'IMAGE_PASSPORT_DATA_PAGE_BACK' };
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'PASSPORT', idDocSubType: 'BACK_SIDE' }, overrides)).toBe('IMAGE_PASSPORT_DATA_PAGE_BACK');
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'PASSPORT', idDocSubType: null }, overrides)).toBe('IMAGE_PASSPORT_FRONT');
		});

		it('no overrides and empty overrides give the table', () => {
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'SELFIE' }, {})).toBe('IMAGE_FACE_IMAGE');
			expect(unit21MediaTypeOfSumsubImage({ idDocType: 'SELFIE' })).toBe('IMAGE_FACE_IMAGE');
		});
	});
});

describe('Veriff context → Unit21 media_type (VENDORS-EVIDENCE.md §4)', () => {
	// Columns of the table: the session's document type (decision `verification.document.type`).
	const PASSPORT = ['PASSPORT'];
	const ID_CARD_LIKE = ['ID_CARD', 'RESIDENCE_PERMIT', 'VISA', 'OTHER'];
	const DRIVERS = ['DRIVERS_LICENSE'];
	/** "default to ID card when unknown" */
	const UNKNOWN = [undefined, null, ''];

	/** Rows whose type depends on the document: [context, PASSPORT, ID card-like and unknown, DRIVERS_LICENSE]. */
	const DOCUMENT_ROWS: Array<[string, string, string, string]> = [
		['document-front', 'IMAGE_PASSPORT_FRONT', 'IMAGE_ID_CARD_FRONT', 'IMAGE_DRIVERS_LICENSE_FRONT'],
		['document-front-pre', 'IMAGE_PASSPORT_FRONT', 'IMAGE_ID_CARD_FRONT', 'IMAGE_DRIVERS_LICENSE_FRONT'],
		['document-back', 'IMAGE_PASSPORT_BACK', 'IMAGE_ID_CARD_BACK', 'IMAGE_DRIVERS_LICENSE_BACK'],
		['document-back-pre', 'IMAGE_PASSPORT_BACK', 'IMAGE_ID_CARD_BACK', 'IMAGE_DRIVERS_LICENSE_BACK'],
	];
	const documentCases = DOCUMENT_ROWS.flatMap(([context, passport, idCard, drivers]) => [
		...PASSPORT.map((documentType) => ({ context, documentType, expected: passport })),
		...[...ID_CARD_LIKE, ...UNKNOWN].map((documentType) => ({ context, documentType, expected: idCard })),
		...DRIVERS.map((documentType) => ({ context, documentType, expected: drivers })),
	]);

	it.each(documentCases)('$context of a $documentType → $expected', ({ context, documentType, expected }) => {
		expect(unit21MediaTypeOfVeriffFile({ context, type: 'image' }, documentType)).toBe(expected);
	});

	/** Rows that are the same whatever the document ("←" in the table). */
	const SAME_ROWS: Array<[string, 'image' | 'video' | 'nfcDocument', string | null]> = [
		['face', 'image', 'IMAGE_FACE_IMAGE'],
		['face-pre', 'image', 'IMAGE_FACE_IMAGE'],
		['face-reference', 'image', 'IMAGE_FACE_IMAGE'],
		['registry-face', 'image', 'IMAGE_FACE_IMAGE'],
		['face-nfc', 'image', 'IMAGE_FACE_IMAGE'],
		['document-front-face-cropped', 'image', 'IMAGE_FACE_CROP'],
		['face-cropped', 'image', 'IMAGE_FACE_CROP'],
		['document-and-face', 'image', 'IMAGE_DOCUMENT_AND_FACE'],
		['document-and-face-pre', 'image', 'IMAGE_DOCUMENT_AND_FACE'],
		['document-front-barcode', 'image', 'IMAGE_DOCUMENT_DETAIL'],
		['document-back-barcode', 'image', 'IMAGE_DOCUMENT_DETAIL'],
		['document-front-qrcode', 'image', 'IMAGE_DOCUMENT_DETAIL'],
		['document-back-qrcode', 'image', 'IMAGE_DOCUMENT_DETAIL'],
		['document-front-with-signature', 'image', 'IMAGE_DOCUMENT_DETAIL'],
		['document-back-with-signature', 'image', 'IMAGE_DOCUMENT_DETAIL'],
		['address-front', 'image', 'DOCUMENT_PROOF_OF_ADDRESS'],
		['generic-document-front', 'image', 'DOCUMENT_GENERIC'],
		['selfid_video', 'video', 'VIDEO_SELFIE'],
		['face-pre-video', 'video', 'VIDEO_SELFIE'],
		['document-front-pre-video', 'video', 'VIDEO_DOCUMENT'],
		['document-back-pre-video', 'video', 'VIDEO_DOCUMENT'],
		['document-nfc', 'nfcDocument', null],
	];
	const sameCases = SAME_ROWS.flatMap(([context, type, expected]) =>
		[...PASSPORT, ...ID_CARD_LIKE, ...DRIVERS, undefined].map((documentType) => ({ context, type, documentType, expected })),
	);

	it.each(sameCases)('$context ($type) of a $documentType → $expected', ({ context, type, documentType, expected }) => {
		expect(unit21MediaTypeOfVeriffFile({ context, type }, documentType)).toBe(expected);
	});

	it('document-nfc is skipped (null) even when the file kind is not given', () => {
		expect(unit21MediaTypeOfVeriffFile({ context: 'document-nfc' }, 'PASSPORT')).toBeNull();
		expect(unit21MediaTypeOfVeriffFile({ context: 'document-nfc', type: 'image' })).toBeNull();
	});

	it('a video is a video whatever its context', () => {
		expect(unit21MediaTypeOfVeriffFile({ context: 'selfid_video' })).toBe('VIDEO_SELFIE');
		expect(unit21MediaTypeOfVeriffFile({ context: 'document-front-pre-video' }, 'PASSPORT')).toBe('VIDEO_DOCUMENT');
	});
});
