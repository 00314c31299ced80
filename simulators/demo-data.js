'use strict';
/**
 * Realistic, fixed demo data for the simulators. The ids below are stable literals so
 * tests and example workflows can reference them (`DEMO.veriff.sessionApproved`, …).
 * Everything here is fictional.
 *
 * The seed functions are called by the simulators when `seed: 'demo'` (the default).
 */

const fs = require('node:fs');
const path = require('node:path');

/**
 * The demo's short SPECIMEN videos, committed in assets/ (made by assets/make-demo-videos.js):
 * {file, mimetype, bytes, durationSeconds, width, height, frames, sha256} by name.
 */
const DEMO_VIDEOS = require('./assets/demo-videos.json');
const videoBytesCache = new Map();
/** The bytes of a demo video (`veriffSelfie`, `sumsubCall1`, `sumsubCall2`), read once. */
function demoVideoBytes(name) {
	if (!videoBytesCache.has(name)) videoBytesCache.set(name, fs.readFileSync(path.join(__dirname, 'assets', DEMO_VIDEOS[name].file)));
	return videoBytesCache.get(name);
}

/** Sumsub's demo externalUserId, which is also a Unit21 entity id (same customer). */
const SUMSUB_EXTERNAL_USER_ID = 'demo-user-001';

/** Stable ids and credentials of the demo seed. */
const DEMO = {
	/** Credentials the simulators use when none are passed (also printed by the CLI). */
	credentials: {
		veriff: {
			apiKey: '74b57b23-0f3d-467d-ab0a-aa6fbab05510',
			// The secret of Veriff's published test vector: HMAC(secret, sessionApproved) =
			// 895cb3fd31139d89aeb7b263682e15479ab57651e70591256ad2c14fde4950dd
			sharedSecret: 'abcdef12-abcd-abcd-abcd-abcdef012345',
		},
		sumsub: {
			appToken: 'sbx:uY0CgwELmgUAEyl4hNWxLngb.0WSeQeiYny4WEqmAALEAiK2qTC96fBad',
			secretKey: 'Hej2ch71kG2kTd1iIUDZFNsO5C1lh5Gq',
		},
		unit21: {
			apiKey: 'u21-demo-3f9c2a7e5b8d4c1fa06e9b2d7c4a1f38',
			orgName: 'demo-org',
			/** Secret of the demo webhook (Unit21 shows a random 20-character key per webhook). */
			webhookSecret: 'Kq7dX2mP9vLw4TzR8sNb',
		},
	},

	veriff: {
		/** Published test-vector session id; 3 attempts, full media incl. video and NFC, approved. */
		sessionApproved: 'aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7',
		/** One attempt, images only, `nfcDocuments` absent, decision `verification: null`. */
		sessionImagesOnly: 'b708dcf3-251a-4e63-a1df-6c1e09e349f9',
		/** One attempt with empty `images`/`videos` and `nfcDocuments: null`. */
		sessionEmpty: '9c214333-4d41-4776-bbe1-05b2e40ff3f2',
		/** A well-formed UUID that exists nowhere (→ 404). */
		sessionUnknown: '61a59e83-8683-4d7e-82ce-2eeaec66bb28',
		attempts: {
			/** sessionApproved, newest (approved) — the one `GET /sessions/{id}/media` returns. */
			approvedLatest: '5f3ed661-f432-439f-bb0a-dc4189917358',
			/** sessionApproved, second (resubmission_requested). */
			approvedSecond: 'f3c8b4e1-f0dd-49de-b3bf-a0fdd08aaead',
			/** sessionApproved, oldest (resubmission_requested, no createdTime returned). */
			approvedFirst: '04c836fe-2595-48f4-948f-8eb3671e9fbf',
			imagesOnly: '72807b0a-8a52-453b-a009-8ea1b12b226b',
			empty: '0ef1da1a-27d3-4599-a866-8e9645e3d2c2',
		},
		media: {
			// sessionApproved (document: PASSPORT), newest attempt (image/jpeg, numeric size): SPECIMEN
			// pictures of the passport's data page (front), its back cover (back) and the face
			documentFront: '8924b8bf-345f-40ff-9444-e6722c38cf86',
			documentFrontPre: '7c3b87cc-4e24-4a43-81b6-b4fbcc2b26ec',
			documentBack: '43071c30-6f23-4ea2-b261-e71d10fb3401',
			documentBackPre: '7e02fa18-aed4-4bbf-9a8b-acb808e4f618',
			face: '0e10e441-ae1d-46a5-a9d6-37fa2b09f9fd',
			facePre: '1ba3691b-3e75-430d-b9b8-9762bd608c9e',
			/** video/webm (assets/veriff-selfie-video.webm), served with `size` and `duration` as strings. */
			selfidVideo: 'd0703f20-aeaf-4a56-b7a4-59c8aa81acc2',
			/** application/octet-stream NFC dump. */
			documentNfc: 'cc60880c-1be4-49b6-b607-104b6e72f390',
			// sessionApproved, older attempts (resubmission requested: the document photos are blurred)
			secondFace: '35f39036-88c4-498f-8ac9-9fb9e174f41d',
			secondDocumentFront: '015dad5b-d1de-4eee-ac1b-ab8611a19bbe',
			firstFace: 'cd5823a8-9ef7-49ee-887e-301dee21399e',
			firstDocumentFront: '4795d69a-45c3-45a8-8ecd-7b348ff0a46c',
			// sessionImagesOnly, no decision (so an ID card: front image/png, back, face with size as a string)
			imagesOnlyDocumentFront: '4835005e-e0de-45f1-9373-adbf1e6fadc9',
			imagesOnlyDocumentBack: '92c99590-9a85-4623-be3a-206b369a201e',
			imagesOnlyFace: '7697ee19-4ca0-40cf-ba9f-cdf513ebff87',
			/** A well-formed UUID that is no media (→ 404). */
			unknown: '4912842f-f37f-4d4f-8e26-fb05543f4471',
		},
		/**
		 * Size and duration of the demo selfid video: a real 4.5 s WebM (VP8, 240x320) of a
		 * SPECIMEN selfie. The option `videoSize` (CLI `--video-size`) serves generated content of
		 * that size instead (a WebM header, then a pattern: for tests of large downloads).
		 */
		videoSize: DEMO_VIDEOS.veriffSelfie.bytes,
		videoDuration: String(DEMO_VIDEOS.veriffSelfie.durationSeconds),
	},

	sumsub: {
		/**
		 * Applicant with a finished Video Ident call (2 recordings) and six document images;
		 * review completed GREEN on the second attempt (see `images`, `attempts`).
		 */
		applicantCompleted: 'd5eeb8109de18d3ba6c9ca23',
		inspectionCompleted: 'd55eb2c3fa2a28e05d927b4c',
		externalUserId: SUMSUB_EXTERNAL_USER_ID,
		/**
		 * Applicant whose call is not finished: videoIdentData without compositions, review
		 * `pending` (no reviewResult), no document images (metadata `{items: [], totalItems: 0}`,
		 * requiredIdDocsStatus `{IDENTITY: null, SELFIE: null}`).
		 */
		applicantPending: '37ddd4164bea3bb95f2ddb5f',
		inspectionPending: 'b0bc09a0dd2164c5100c69ae',
		externalUserIdPending: 'demo-user-002',
		/**
		 * compositionMediaIds of applicantCompleted: real SPECIMEN recordings of the call,
		 * video/mp4 (H.264, 6 s) then video/webm (VP8, 3 s), from assets/; the option `videoSize`
		 * replaces the first with generated content of that size.
		 */
		compositions: ['92ed711e29afc5731a50726c', '65eba038dcbaf4b94ba53fce'],
		compositionSizes: [DEMO_VIDEOS.sumsubCall1.bytes, DEMO_VIDEOS.sumsubCall2.bytes],
		compositionDurations: [DEMO_VIDEOS.sumsubCall1.durationSeconds, DEMO_VIDEOS.sumsubCall2.durationSeconds],
		/**
		 * Document images of applicantCompleted (metadata order). Each is a generated SPECIMEN
		 * picture of what it is; its preview (half size, same type) is `previews[name]`.
		 */
		images: {
			/** PASSPORT (idDocSubType null), passport.jpg, image/jpeg 240x320, docapture, attempt 1, GREEN; step IDENTITY. */
			passportFront: '1718267390',
			/** SELFIE (null), selfie.png, image/png 200x240, source liveness, attempt 1, GREEN; step SELFIE. */
			selfie: '1718267391',
			/** ID_CARD FRONT_SIDE, id-card-front.jpg, image/jpeg 320x200, docapture, attempt 2, GREEN; step IDENTITY2. */
			idCardFront: '1718267392',
			/** ID_CARD BACK_SIDE (TD1 MRZ), id-card-back.jpg, image/jpeg 320x200, docapture, attempt 2, GREEN; step IDENTITY2. */
			idCardBack: '1718267393',
			/** PASSPORT (null), passport-scan.png, image/png, fileupload, attempt 1, GREEN, `deactivated: true` (not in any step). */
			deactivated: '1718267394',
			/**
			 * ID_CARD FRONT_SIDE, id-card-front-blurry.jpg (blurred), docapture, attempt 1, RED
			 * UNSATISFACTORY_PHOTOS / RETRY with moderation and client comments; active, but
			 * superseded by idCardFront, so not in requiredIdDocsStatus.
			 */
			rejected: '1718267395',
		},
		/** previewIds (half-size thumbnails) of the images above, by the same names. */
		previews: {
			passportFront: '1718267490',
			selfie: '1718267491',
			idCardFront: '1718267492',
			idCardBack: '1718267493',
			deactivated: '1718267494',
			rejected: '1718267495',
		},
		/** A numeric image id that exists nowhere (→ plain JSON 404 on both download forms). */
		imageUnknown: '1718269999',
		/** attemptIds of applicantCompleted: the first (RED, RETRY) and the current (GREEN) review. */
		attempts: { first: 'hTqWm', latest: 'VZlhx' },
		/** reviewId of applicantCompleted's current review. */
		reviewCompleted: 'jOmMK',
		/** A well-formed id that exists nowhere (→ 404). */
		applicantUnknown: '4e506efea3ad4823e728bdeb',
	},

	unit21: {
		orgName: 'demo-org',
		/** The (non-placeholder) demo entities; GET serves general_data, user_data, custom_data. */
		entities: ['cust-1001', 'cust-1002', SUMSUB_EXTERNAL_USER_ID],
		/** Veriff's sessionApproved customer (vendorData): custom_data.veriff_session_id = DEMO.veriff.sessionApproved. */
		entity: 'cust-1001',
		/** Veriff's sessionImagesOnly customer: custom_data.veriff_session_id = DEMO.veriff.sessionImagesOnly. */
		entity2: 'cust-1002',
		/** = DEMO.sumsub.externalUserId: custom_data.sumsub_applicant_id = DEMO.sumsub.applicantCompleted. */
		sumsubEntity: SUMSUB_EXTERNAL_USER_ID,
		/** Unit21's numeric id of cust-1001 (as webhooks carry it). */
		entityUnit21Id: 618865781,
		/** Placeholder entity: link-media answers 409. */
		placeholderEntity: 'cust-placeholder',
		event: 'evt-5001',
		/** Unit21 ids of an alert and a case (strings, as they appear in the path). */
		alert: '42',
		case: '77',
		/** `alert_id` of the demo alert in webhook bodies. */
		alertId: 'alert-42',
		/** Name and external id of the demo alert action button (webhook ALERT_ACTION_TRIGGERED). */
		actionName: 'Pull KYC evidence',
		actionTriggerExternalId: 'pull_kyc_evidence',
		/** The agent in webhook bodies (`changed_by`, `assigned_to`). */
		agentEmail: 'analyst@demo-org.example',
		/** Ids that exist nowhere (→ 404). */
		entityUnknown: 'cust-9999',
	},
};

/**
 * Fill a Veriff simulator with the demo sessions.
 * @param {object} sim a Veriff simulator
 * @param {{videoSize?: number}} [options] videoSize: generated selfid video of that size instead of the real one
 */
function seedVeriff(sim, options = {}) {
	const v = DEMO.veriff;
	const m = v.media;
	// Every demo photo is a SPECIMEN picture of what its context shows (simulators/veriff.js).
	const jpeg = (id, context, extra = {}) => ({ id, context, mimetype: 'image/jpeg', specimen: true, ...extra });
	// The photos that made Veriff ask for a resubmission: out of focus.
	const blurred = { specimen: { blur: 2 } };
	const video = options.videoSize === undefined ? { bytes: demoVideoBytes('veriffSelfie') } : { size: options.videoSize };
	sim.addSession({
		id: v.sessionApproved,
		vendorData: 'cust-1001', // your customer id, which is also the Unit21 entity_id
		attempts: [
			{
				id: v.attempts.approvedLatest,
				status: 'approved',
				createdTime: '2024-03-14T10:15:27.322Z',
				images: [
					jpeg(m.documentFront, 'document-front'),
					jpeg(m.documentFrontPre, 'document-front-pre'),
					jpeg(m.documentBack, 'document-back'),
					jpeg(m.documentBackPre, 'document-back-pre'),
					jpeg(m.face, 'face'),
					jpeg(m.facePre, 'face-pre'),
				],
				videos: [
					{
						id: m.selfidVideo,
						context: 'selfid_video',
						mimetype: 'video/webm',
						...video,
						duration: v.videoDuration,
						sizeAsString: true,
						durationAsString: true,
					},
				],
				nfcDocuments: [{ id: m.documentNfc, context: 'document-nfc', mimetype: 'application/octet-stream', size: 3072 }],
			},
			{
				id: v.attempts.approvedSecond,
				status: 'resubmission_requested',
				createdTime: '2024-03-14T10:02:11.908Z',
				images: [jpeg(m.secondFace, 'face'), jpeg(m.secondDocumentFront, 'document-front', blurred)],
				videos: [],
			},
			{
				id: v.attempts.approvedFirst,
				status: 'resubmission_requested',
				createdTime: null, // Veriff may omit createdTime
				images: [jpeg(m.firstFace, 'face'), jpeg(m.firstDocumentFront, 'document-front', blurred)],
				videos: [],
			},
		],
		decision: {
			id: v.sessionApproved,
			attemptId: v.attempts.approvedLatest,
			vendorData: 'cust-1001',
			endUserId: null,
			status: 'approved',
			code: 9001,
			reason: null,
			reasonCode: null,
			decisionTime: '2024-03-14T10:21:09.118Z',
			acceptanceTime: '2024-03-14T09:58:40.001Z',
			submissionTime: '2024-03-14T10:16:02.440Z',
			person: {
				firstName: 'MARIA',
				lastName: 'MUSTERMANN',
				dateOfBirth: '1990-05-17',
				gender: null,
				nationality: 'DE',
				idNumber: null,
				yearOfBirth: null,
				placeOfBirth: 'BERLIN',
			},
			document: { type: 'PASSPORT', country: 'DE', number: 'C01X00T47', validFrom: null, validUntil: '2031-05-16' },
			additionalVerifiedData: {},
			riskLabels: [],
			comments: [],
			highRisk: false,
		},
	});
	sim.addSession({
		id: v.sessionImagesOnly,
		vendorData: 'cust-1002',
		attempts: [
			{
				id: v.attempts.imagesOnly,
				status: 'submitted',
				createdTime: '2024-04-02T08:44:10.000Z',
				images: [
					jpeg(m.imagesOnlyDocumentFront, 'document-front', { mimetype: 'image/png' }),
					jpeg(m.imagesOnlyDocumentBack, 'document-back'),
					jpeg(m.imagesOnlyFace, 'face', { sizeAsString: true }),
				],
				videos: [],
				// nfcDocuments absent
			},
		],
		decision: null,
	});
	sim.addSession({
		id: v.sessionEmpty,
		vendorData: 'cust-1003',
		attempts: [{ id: v.attempts.empty, status: 'started', createdTime: '2024-04-03T12:00:00.000Z', images: [], videos: [], nfcDocuments: null }],
		decision: null,
	});
}

/**
 * Fill a Sumsub simulator with the demo applicants.
 * @param {object} sim a Sumsub simulator
 * @param {{videoSize?: number}} [options] videoSize: generated first recording of that size instead of the real one
 */
function seedSumsub(sim, options = {}) {
	const s = DEMO.sumsub;
	sim.addApplicant({
		id: s.applicantCompleted,
		inspectionId: s.inspectionCompleted,
		externalUserId: s.externalUserId,
		createdAt: '2024-03-14 09:41:03',
		key: 'QXKWJRNPHTBGLA',
		levelName: 'video-ident-level',
		info: { firstName: 'Lena', lastName: 'Fischer', dob: '1988-11-02', country: 'DEU' },
		// Passport, a national ID card and a selfie: IDENTITY and IDENTITY2 are separate steps.
		requiredIdDocs: {
			docSets: [
				{ idDocSetType: 'IDENTITY', types: ['PASSPORT'] },
				{ idDocSetType: 'IDENTITY2', types: ['ID_CARD'] },
				{ idDocSetType: 'SELFIE', types: ['SELFIE'] },
			],
		},
		// Attempt 1 was rejected (blurry ID card front, RETRY); attempt 2 completed GREEN.
		review: {
			reviewId: s.reviewCompleted,
			attemptId: s.attempts.latest,
			attemptCnt: 2,
			createDate: '2024-03-14 10:05:02+0000',
			reviewDate: '2024-03-14 10:21:37+0000',
			elapsedSincePendingMs: 925000,
			elapsedSinceQueuedMs: 925000,
			reprocessing: false,
			reviewStatus: 'completed',
			reviewResult: { reviewAnswer: 'GREEN' },
		},
		videoIdentData: { reviewStatus: 'completed', moderatorDisplayName: 'Anna K.' },
	});
	sim.addRecording({
		id: s.compositions[0],
		applicantId: s.applicantCompleted,
		...(options.videoSize === undefined ? { bytes: demoVideoBytes('sumsubCall1') } : { size: options.videoSize }),
		durationSec: s.compositionDurations[0],
		mimetype: 'video/mp4',
		createdAt: '2024-03-14 09:52:17',
	});
	sim.addRecording({
		id: s.compositions[1],
		applicantId: s.applicantCompleted,
		bytes: demoVideoBytes('sumsubCall2'),
		durationSec: s.compositionDurations[1],
		mimetype: 'video/webm',
		createdAt: '2024-03-14 10:03:45',
	});
	const doc = (name, spec) =>
		sim.addDocumentImage({
			id: s.images[name],
			previewId: s.previews[name],
			applicantId: s.applicantCompleted,
			country: 'DEU',
			idDocSubType: null,
			reviewResult: { reviewAnswer: 'GREEN' },
			deactivated: false,
			label: `DEMO ${spec.idDocType} ${s.images[name]}`,
			...spec,
		});
	doc('deactivated', {
		idDocType: 'PASSPORT',
		fileName: 'passport-scan.png',
		mimetype: 'image/png',
		addedDate: '2024-03-14 09:43:58',
		attemptId: s.attempts.first,
		source: 'fileupload',
		deactivated: true,
	});
	doc('passportFront', {
		idDocType: 'PASSPORT',
		fileName: 'passport.jpg',
		mimetype: 'image/jpeg',
		addedDate: '2024-03-14 09:44:51',
		attemptId: s.attempts.first,
		source: 'docapture',
	});
	doc('rejected', {
		idDocType: 'ID_CARD',
		idDocSubType: 'FRONT_SIDE',
		fileName: 'id-card-front-blurry.jpg',
		mimetype: 'image/jpeg',
		addedDate: '2024-03-14 09:45:20',
		attemptId: s.attempts.first,
		source: 'docapture',
		blur: 2,
		reviewResult: {
			reviewAnswer: 'RED',
			rejectLabels: ['UNSATISFACTORY_PHOTOS'],
			reviewRejectType: 'RETRY',
			moderationComment: 'The photo of the ID card front side is blurry. Please upload a sharp, well-lit photo.',
			clientComment: 'ID card front side out of focus.',
		},
	});
	doc('selfie', {
		idDocType: 'SELFIE',
		fileName: 'selfie.png',
		mimetype: 'image/png',
		addedDate: '2024-03-14 09:46:12',
		attemptId: s.attempts.first,
		source: 'liveness',
	});
	doc('idCardFront', {
		idDocType: 'ID_CARD',
		idDocSubType: 'FRONT_SIDE',
		fileName: 'id-card-front.jpg',
		mimetype: 'image/jpeg',
		addedDate: '2024-03-14 10:05:31',
		attemptId: s.attempts.latest,
		source: 'docapture',
	});
	doc('idCardBack', {
		idDocType: 'ID_CARD',
		idDocSubType: 'BACK_SIDE',
		fileName: 'id-card-back.jpg',
		mimetype: 'image/jpeg',
		addedDate: '2024-03-14 10:05:58',
		attemptId: s.attempts.latest,
		source: 'docapture',
	});
	sim.addApplicant({
		id: s.applicantPending,
		inspectionId: s.inspectionPending,
		externalUserId: s.externalUserIdPending,
		createdAt: '2024-04-02 14:10:55',
		key: 'MZPDVEYTSCUOQF',
		levelName: 'video-ident-level',
		info: { firstName: 'Tomás', lastName: 'Ruiz', dob: '1995-02-21', country: 'ESP' },
		review: { reviewStatus: 'pending' },
		videoIdentData: { reviewStatus: 'pending' },
	});
}

/** Fill a Unit21 simulator with the demo organisation's objects. */
function seedUnit21(sim) {
	const u = DEMO.unit21;
	const data = {
		// Veriff sessionApproved (vendorData cust-1001): the person of its decision.
		[u.entity]: {
			general_data: { entity_type: 'user', entity_subtype: 'retail', status: 'active', registered_at: 1710409200, tags: ['kyc_vendor:veriff'] },
			user_data: { first_name: 'Maria', last_name: 'Mustermann', day_of_birth: 17, month_of_birth: 5, year_of_birth: 1990 },
			custom_data: { veriff_session_id: DEMO.veriff.sessionApproved },
		},
		// Veriff sessionImagesOnly (vendorData cust-1002): no decision yet.
		[u.entity2]: {
			general_data: { entity_type: 'user', entity_subtype: 'retail', status: 'active', registered_at: 1712046600, tags: ['kyc_vendor:veriff'] },
			user_data: { first_name: 'Jonas', last_name: 'Berg' },
			custom_data: { veriff_session_id: DEMO.veriff.sessionImagesOnly },
		},
		// Sumsub applicantCompleted (externalUserId demo-user-001): the applicant's info.
		[u.sumsubEntity]: {
			general_data: { entity_type: 'user', entity_subtype: 'retail', status: 'active', registered_at: 1710409263, tags: ['kyc_vendor:sumsub'] },
			user_data: { first_name: 'Lena', last_name: 'Fischer', day_of_birth: 2, month_of_birth: 11, year_of_birth: 1988 },
			custom_data: { sumsub_applicant_id: DEMO.sumsub.applicantCompleted },
		},
	};
	for (const id of u.entities) sim.addEntity(u.orgName, id, { data: data[id] });
	sim.addEntity(u.orgName, u.placeholderEntity, { placeholder: true });
	sim.addEvent(u.orgName, u.event);
	sim.addAlert(u.alert);
	sim.addCase(u.case);
}

module.exports = { DEMO, DEMO_VIDEOS, demoVideoBytes, seedVeriff, seedSumsub, seedUnit21 };
