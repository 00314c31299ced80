/**
 * The three webhook triggers, driven over real HTTP through n8n-core's WebhookContext
 * (see test/helpers/webhookServer.ts): signatures are checked over the raw bytes received,
 * bad deliveries get 401 and start nothing, filters answer 200 and start nothing, and
 * Sumsub's repeated deliveries are dropped using the workflow's static data. Unit21 calls
 * are sent by the Unit21 simulator's own sender (its signing code, its tamper modes); the
 * Unit21 Trigger gives each call a deliveryId for a Remove Duplicates node after it.
 */
import { createHash, createHmac } from 'node:crypto';

import { SumsubTrigger } from '../../nodes/Sumsub/SumsubTrigger.node';
import { Unit21Trigger } from '../../nodes/Unit21/Unit21Trigger.node';
import { VeriffTrigger } from '../../nodes/Veriff/VeriffTrigger.node';
import { DEMO, secretValues, sendUnit21Webhook, unit21WebhookSamples } from '../helpers/simulators';
import { startTriggerServer } from '../helpers/webhookServer';
import type { TriggerServer } from '../helpers/webhookServer';

const hmac = (algorithm: string, secret: string, body: string | Buffer) =>
	createHmac(algorithm, secret).update(body).digest('hex');

/** Nothing secret in what the sender saw or what the workflow got. */
function expectNothingSecret(server: TriggerServer, answers: string[], extra: string[]) {
	const text = JSON.stringify(server.started) + answers.join('\n');
	for (const secret of [...secretValues(), ...extra]) expect(text.includes(secret)).toBe(false);
}

// ---------------------------------------------------------------------------------------
// Veriff
// ---------------------------------------------------------------------------------------

const VERIFF_SECRET = DEMO.credentials.veriff.sharedSecret;
const SESSION = DEMO.veriff.sessionApproved;
const ATTEMPT = DEMO.veriff.attempts.approvedLatest;

const decisionPayload = (status = 'approved', code = 9001) => ({
	status: 'success',
	verification: {
		id: SESSION,
		attemptId: ATTEMPT,
		code,
		status,
		reason: null,
		reasonCode: null,
		vendorData: 'demo-customer-0001',
		person: { firstName: 'MARIA', lastName: 'MUSTERMANN' },
		decisionTime: '2024-03-14T10:21:09.118Z',
	},
	technicalData: { ip: '203.0.113.7' },
});
const eventPayload = (action = 'submitted', code = 7002) => ({
	id: SESSION,
	attemptId: ATTEMPT,
	feature: 'selfid',
	code,
	action,
	vendorData: 'demo-customer-0001',
});

async function veriffTrigger(parameters: Record<string, unknown>, sharedSecret = VERIFF_SECRET) {
	return await startTriggerServer({
		nodeType: new VeriffTrigger(),
		typeName: 'n8n-nodes-kyc-media.veriffTrigger',
		parameters: parameters as never,
		credentials: { veriffApi: { ...DEMO.credentials.veriff, sharedSecret, baseUrl: 'https://stationapi.veriff.com' } },
	});
}

/** A Veriff delivery: the exact bytes and their X-HMAC-SIGNATURE. */
function veriffDelivery(payload: object, secret = VERIFF_SECRET) {
	const body = JSON.stringify(payload);
	return { body, signature: hmac('sha256', secret, body) };
}

describe('Veriff Trigger', () => {
	let server: TriggerServer;
	afterEach(async () => server?.close());

	it('starts the workflow for a correctly signed decision', async () => {
		server = await veriffTrigger({ webhookType: 'decision', decisionStatuses: [], eventActions: [] });
		const { body, signature } = veriffDelivery(decisionPayload());
		const answer = await server.post(body, { 'X-AUTH-CLIENT': DEMO.credentials.veriff.apiKey, 'X-HMAC-SIGNATURE': signature });
		expect(answer.status).toBe(200);
		expect(server.started).toHaveLength(1);
		expect(server.started[0]).toEqual([
			[{ json: { webhookType: 'decision', sessionId: SESSION, attemptId: ATTEMPT, ...decisionPayload() } }],
		]);
		expectNothingSecret(server, [answer.body], [signature]);
	});

	it('accepts the signature in upper case and in vrf-hmac-signature', async () => {
		server = await veriffTrigger({ webhookType: 'decision', decisionStatuses: [], eventActions: [], dropDuplicates: false });
		const { body, signature } = veriffDelivery(decisionPayload());
		expect((await server.post(body, { 'X-HMAC-SIGNATURE': signature.toUpperCase() })).status).toBe(200);
		expect((await server.post(body, { 'vrf-hmac-signature': signature })).status).toBe(200);
		expect(server.started).toHaveLength(2);
	});

	it('starts the workflow for a signed event with the session and attempt ids', async () => {
		server = await veriffTrigger({ webhookType: 'event', decisionStatuses: [], eventActions: [] });
		const { body, signature } = veriffDelivery(eventPayload());
		const answer = await server.post(body, { 'X-HMAC-SIGNATURE': signature });
		expect(answer.status).toBe(200);
		expect(server.started[0]).toEqual([
			[
				{
					json: {
						webhookType: 'event',
						sessionId: SESSION,
						attemptId: ATTEMPT,
						id: SESSION,
						feature: 'selfid',
						code: 7002,
						action: 'submitted',
						vendorData: 'demo-customer-0001',
					},
				},
			],
		]);
	});

	const unsigned = () => veriffDelivery(decisionPayload());
	it.each([
		{
			case: 'a wrong signature',
			deliver: () => ({ body: unsigned().body, headers: { 'X-HMAC-SIGNATURE': hmac('sha256', 'another-secret', unsigned().body) } }),
		},
		{ case: 'no signature', deliver: () => ({ body: unsigned().body, headers: {} as Record<string, string> }) },
		{
			case: 'the body altered after signing',
			deliver: () => {
				const { body, signature } = unsigned();
				const altered = body.replace('"approved"', '"declined"');
				expect(altered).not.toBe(body);
				return { body: altered, headers: { 'X-HMAC-SIGNATURE': signature } };
			},
		},
		{
			case: 'the signature of the legacy scheme sha256(body + secret)',
			deliver: () => {
				const { body } = unsigned();
				return { body, headers: { 'X-HMAC-SIGNATURE': createHash('sha256').update(body + VERIFF_SECRET).digest('hex') } };
			},
		},
		{
			case: 'a signature that is not hex of the right length',
			deliver: () => ({ body: unsigned().body, headers: { 'X-HMAC-SIGNATURE': unsigned().signature.slice(0, 40) } }),
		},
	])('answers 401 and starts nothing for $case', async ({ deliver }) => {
		server = await veriffTrigger({ webhookType: 'any', decisionStatuses: [], eventActions: [] });
		const { body, headers } = deliver();
		const answer = await server.post(body, headers);
		expect(answer.status).toBe(401);
		expect(JSON.parse(answer.body)).toEqual({ status: 'fail', message: 'Signature does not match' });
		expect(server.started).toHaveLength(0);
		expectNothingSecret(server, [answer.body], [unsigned().signature]);
	});

	it('answers 401 when the credential has no shared secret, even to a delivery signed with the empty key', async () => {
		server = await veriffTrigger({ webhookType: 'any', decisionStatuses: [], eventActions: [] }, '');
		const { body, signature } = veriffDelivery(decisionPayload(), '');
		const answer = await server.post(body, { 'X-HMAC-SIGNATURE': signature });
		expect(answer.status).toBe(401);
		expect(server.started).toHaveLength(0);
	});

	it('answers 400 to a signed body that is not JSON', async () => {
		server = await veriffTrigger({ webhookType: 'any', decisionStatuses: [], eventActions: [] });
		const body = 'status=approved';
		const answer = await server.post(body, { 'X-HMAC-SIGNATURE': hmac('sha256', VERIFF_SECRET, body), 'content-type': 'text/plain' });
		expect(answer.status).toBe(400);
		expect(server.started).toHaveLength(0);
	});

	it.each([
		{ case: 'an event to a decision trigger', params: { webhookType: 'decision' }, payload: eventPayload() },
		{ case: 'a decision to an event trigger', params: { webhookType: 'event' }, payload: decisionPayload() },
		{ case: 'a declined decision when only approved is wanted', params: { webhookType: 'decision', decisionStatuses: ['approved'] }, payload: decisionPayload('declined', 9102) },
		{ case: 'a started event when only submitted is wanted', params: { webhookType: 'any', eventActions: ['submitted'] }, payload: eventPayload('started', 7001) },
	])('answers 200 and starts nothing for $case', async ({ params, payload }) => {
		server = await veriffTrigger({ decisionStatuses: [], eventActions: [], ...params });
		const { body, signature } = veriffDelivery(payload);
		const answer = await server.post(body, { 'X-HMAC-SIGNATURE': signature });
		expect(answer.status).toBe(200);
		expect(server.started).toHaveLength(0);
	});

	it('starts for a decision whose status is among the wanted ones', async () => {
		server = await veriffTrigger({ webhookType: 'decision', decisionStatuses: ['approved', 'declined'], eventActions: [] });
		for (const [status, code] of [['declined', 9102], ['review', 9121], ['approved', 9001]] as const) {
			const { body, signature } = veriffDelivery(decisionPayload(status, code));
			expect((await server.post(body, { 'X-HMAC-SIGNATURE': signature })).status).toBe(200);
		}
		expect(server.started.map((data) => data[0][0].json.verification)).toMatchObject([{ status: 'declined' }, { status: 'approved' }]);
	});
});

// ---------------------------------------------------------------------------------------
// Sumsub
// ---------------------------------------------------------------------------------------

const WEBHOOK_SECRET = 'whsec-sumsub-demo-7d1f0c3a9b2e4f68';
const S = DEMO.sumsub;

const sumsubPayload = (over: Record<string, unknown> = {}) => ({
	applicantId: S.applicantCompleted,
	inspectionId: S.inspectionCompleted,
	correlationId: 'req-7f3c5b0e-2a4d-4c1e-9b8f-6d5a4c3b2a10',
	externalUserId: S.externalUserId,
	levelName: 'video-ident-level',
	type: 'videoIdentCompositionCompleted',
	reviewStatus: 'completed',
	sandboxMode: true,
	createdAtMs: '2024-03-14 10:21:09.118',
	...over,
});

async function sumsubTrigger(parameters: Record<string, unknown>, webhookSecret = WEBHOOK_SECRET) {
	return await startTriggerServer({
		nodeType: new SumsubTrigger(),
		typeName: 'n8n-nodes-kyc-media.sumsubTrigger',
		parameters: parameters as never,
		credentials: { sumsubApi: { ...DEMO.credentials.sumsub, webhookSecret, baseUrl: 'https://api.sumsub.com' } },
	});
}

const ALGORITHMS = [
	['HMAC_SHA1_HEX', 'sha1'],
	['HMAC_SHA256_HEX', 'sha256'],
	['HMAC_SHA512_HEX', 'sha512'],
] as const;

describe('Sumsub Trigger', () => {
	let server: TriggerServer;
	afterEach(async () => server?.close());

	it.each(ALGORITHMS)('accepts X-Payload-Digest with %s', async (alg, hash) => {
		server = await sumsubTrigger({ events: [], dropDuplicates: true });
		const body = JSON.stringify(sumsubPayload());
		const digest = hmac(hash, WEBHOOK_SECRET, body);
		const answer = await server.post(body, { 'X-Payload-Digest': digest, 'X-Payload-Digest-Alg': alg });
		expect(answer.status).toBe(200);
		expect(server.started).toEqual([
			[
				[
					{
						json: {
							applicantId: S.applicantCompleted,
							inspectionId: S.inspectionCompleted,
							correlationId: 'req-7f3c5b0e-2a4d-4c1e-9b8f-6d5a4c3b2a10',
							externalUserId: S.externalUserId,
							levelName: 'video-ident-level',
							type: 'videoIdentCompositionCompleted',
							reviewStatus: 'completed',
							sandboxMode: true,
							createdAtMs: '2024-03-14 10:21:09.118',
						},
					},
				],
			],
		]);
		expectNothingSecret(server, [answer.body], [WEBHOOK_SECRET, digest]);
	});

	it('takes HMAC_SHA256_HEX when X-Payload-Digest-Alg is absent', async () => {
		server = await sumsubTrigger({ events: [], dropDuplicates: true });
		const body = JSON.stringify(sumsubPayload());
		const answer = await server.post(body, { 'X-Payload-Digest': hmac('sha256', WEBHOOK_SECRET, body) });
		expect(answer.status).toBe(200);
		expect(server.started).toHaveLength(1);
	});

	const body = JSON.stringify(sumsubPayload());
	it.each([
		{ case: 'a digest made with another secret', headers: { 'X-Payload-Digest': hmac('sha256', 'not-the-secret', body), 'X-Payload-Digest-Alg': 'HMAC_SHA256_HEX' } },
		{ case: 'no digest', headers: { 'X-Payload-Digest-Alg': 'HMAC_SHA256_HEX' } },
		{ case: 'an unknown algorithm', headers: { 'X-Payload-Digest': createHmac('md5', WEBHOOK_SECRET).update(body).digest('hex'), 'X-Payload-Digest-Alg': 'HMAC_MD5_HEX' } },
		{ case: 'a SHA-1 digest declared as SHA-256', headers: { 'X-Payload-Digest': hmac('sha1', WEBHOOK_SECRET, body), 'X-Payload-Digest-Alg': 'HMAC_SHA256_HEX' } },
		{ case: 'a digest of other bytes', headers: { 'X-Payload-Digest': hmac('sha256', WEBHOOK_SECRET, `${body} `), 'X-Payload-Digest-Alg': 'HMAC_SHA256_HEX' } },
	])('answers 401 and starts nothing for $case', async ({ headers }) => {
		server = await sumsubTrigger({ events: [], dropDuplicates: false });
		const answer = await server.post(body, headers as Record<string, string>);
		expect(answer.status).toBe(401);
		expect(JSON.parse(answer.body)).toEqual({ description: 'Payload digest does not match' });
		expect(server.started).toHaveLength(0);
		expect(server.staticData).toEqual({});
		expectNothingSecret(server, [answer.body], [WEBHOOK_SECRET, hmac('sha256', WEBHOOK_SECRET, body)]);
	});

	it('answers 401 when the credential has no webhook secret', async () => {
		server = await sumsubTrigger({ events: [], dropDuplicates: false }, '');
		const answer = await server.post(body, { 'X-Payload-Digest': hmac('sha256', '', body), 'X-Payload-Digest-Alg': 'HMAC_SHA256_HEX' });
		expect(answer.status).toBe(401);
		expect(server.started).toHaveLength(0);
	});

	it('answers 200 and starts nothing for an event type that is not selected', async () => {
		server = await sumsubTrigger({ events: ['videoIdentCompositionCompleted'], dropDuplicates: true });
		const other = JSON.stringify(sumsubPayload({ type: 'applicantReviewed', correlationId: 'req-other' }));
		const answer = await server.post(other, { 'X-Payload-Digest': hmac('sha256', WEBHOOK_SECRET, other) });
		expect(answer.status).toBe(200);
		expect(server.started).toHaveLength(0);
		const wanted = JSON.stringify(sumsubPayload());
		expect((await server.post(wanted, { 'X-Payload-Digest': hmac('sha256', WEBHOOK_SECRET, wanted) })).status).toBe(200);
		expect(server.started.map((d) => d[0][0].json.type)).toEqual(['videoIdentCompositionCompleted']);
	});

	describe('event types and review answers', () => {
		const deliver = async (payload: object) => {
			const raw = JSON.stringify(payload);
			return await server.post(raw, { 'X-Payload-Digest': hmac('sha256', WEBHOOK_SECRET, raw), 'X-Payload-Digest-Alg': 'HMAC_SHA256_HEX' });
		};
		let n = 0;
		/** A delivery of `type` with its own correlationId (so none is dropped as a repeat). */
		const event = (type: string, over: Record<string, unknown> = {}) =>
			sumsubPayload({ type, correlationId: `req-event-${++n}`, levelName: 'basic-kyc-level', ...over });
		const started = () => server.started.map((data) => {
			const json = data[0][0].json;
			return [json.type, (json.reviewResult as { reviewAnswer?: string } | undefined)?.reviewAnswer ?? null];
		});

		it('offers every event type of Sumsub\'s webhook list (VENDORS-EVIDENCE.md §1.7)', () => {
			const events = new SumsubTrigger().description.properties.find((p) => p.name === 'events')!;
			expect((events.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(
				[
					'applicantCreated',
					'applicantPending',
					'applicantReviewed',
					'applicantOnHold',
					'applicantPrechecked',
					'applicantPersonalInfoChanged',
					'applicantTagsChanged',
					'applicantActivated',
					'applicantDeactivated',
					'applicantDeleted',
					'applicantReset',
					'applicantLevelChanged',
					'applicantWorkflowCompleted',
					'applicantActionPending',
					'applicantActionReviewed',
					'applicantActionOnHold',
					'applicantActionLevelChanged',
					'videoIdentStatusChanged',
					'videoIdentCompositionCompleted',
					// named on the applicant-statuses page
					'applicantAwaitingService',
				].sort(),
			);
		});

		it('starts for a newly listed event type (applicantLevelChanged) when selected, with its own fields', async () => {
			server = await sumsubTrigger({ events: ['applicantLevelChanged', 'applicantDeactivated'], reviewAnswers: [], dropDuplicates: true });
			const levelChanged = event('applicantLevelChanged', { previousLevelName: 'basic-kyc-level', levelName: 'enhanced-kyc-level', reviewStatus: 'init' });
			for (const payload of [levelChanged, event('applicantReviewed', { reviewResult: { reviewAnswer: 'GREEN' } }), event('applicantDeactivated')]) {
				expect((await deliver(payload)).status).toBe(200);
			}
			expect(started()).toEqual([
				['applicantLevelChanged', null],
				['applicantDeactivated', null],
			]);
			expect(server.started[0][0][0].json).toEqual({ ...levelChanged, applicantId: S.applicantCompleted, inspectionId: S.inspectionCompleted });
			expect(server.started[0][0][0].json).toMatchObject({ previousLevelName: 'basic-kyc-level', levelName: 'enhanced-kyc-level' });
		});

		it('Review Answers GREEN: a RED review answers 200 and starts nothing; other event types are not filtered', async () => {
			server = await sumsubTrigger({ events: [], reviewAnswers: ['GREEN'], dropDuplicates: true });
			const deliveries = [
				event('applicantReviewed', { reviewResult: { reviewAnswer: 'RED', rejectLabels: ['FORGERY'], reviewRejectType: 'FINAL' } }),
				event('applicantReviewed', { reviewResult: { reviewAnswer: 'GREEN' } }),
				event('applicantActionReviewed', { reviewResult: { reviewAnswer: 'RED' }, applicantActionId: 'act-1' }),
				event('applicantActionReviewed', { reviewResult: { reviewAnswer: 'GREEN' }, applicantActionId: 'act-2' }),
				event('applicantPending', { reviewStatus: 'pending' }),
				event('applicantOnHold', { reviewStatus: 'onHold', reviewResult: { reviewAnswer: 'RED' } }),
				event('videoIdentCompositionCompleted'),
			];
			for (const payload of deliveries) expect((await deliver(payload)).status).toBe(200);
			expect(started()).toEqual([
				['applicantReviewed', 'GREEN'],
				['applicantActionReviewed', 'GREEN'],
				['applicantPending', null],
				['applicantOnHold', 'RED'],
				['videoIdentCompositionCompleted', null],
			]);
		});

		it('Review Answers RED with Events applicantReviewed: only rejections start the workflow', async () => {
			server = await sumsubTrigger({ events: ['applicantReviewed'], reviewAnswers: ['RED'], dropDuplicates: true });
			for (const payload of [
				event('applicantReviewed', { reviewResult: { reviewAnswer: 'GREEN' } }),
				event('applicantReviewed', { reviewResult: { reviewAnswer: 'RED', rejectLabels: ['UNSATISFACTORY_PHOTOS'], reviewRejectType: 'RETRY' } }),
				event('applicantActionReviewed', { reviewResult: { reviewAnswer: 'RED' } }),
				event('applicantPending'),
			]) {
				expect((await deliver(payload)).status).toBe(200);
			}
			expect(started()).toEqual([['applicantReviewed', 'RED']]);
			expect(server.started[0][0][0].json.reviewResult).toEqual({ reviewAnswer: 'RED', rejectLabels: ['UNSATISFACTORY_PHOTOS'], reviewRejectType: 'RETRY' });
		});

		it('Review Answers GREEN and RED, or none: every review starts; a review without an answer only when none is chosen', async () => {
			server = await sumsubTrigger({ events: [], reviewAnswers: ['GREEN', 'RED'], dropDuplicates: true });
			await deliver(event('applicantReviewed', { reviewResult: { reviewAnswer: 'GREEN' } }));
			await deliver(event('applicantReviewed', { reviewResult: { reviewAnswer: 'RED' } }));
			await deliver(event('applicantReviewed'));
			expect(started()).toEqual([
				['applicantReviewed', 'GREEN'],
				['applicantReviewed', 'RED'],
			]);
			await server.close();

			server = await sumsubTrigger({ events: [], reviewAnswers: [], dropDuplicates: true });
			await deliver(event('applicantReviewed', { reviewResult: { reviewAnswer: 'RED' } }));
			await deliver(event('applicantReviewed'));
			expect(started()).toEqual([
				['applicantReviewed', 'RED'],
				['applicantReviewed', null],
			]);
		});

		it('a filtered-out review is not remembered as a seen delivery (static data untouched)', async () => {
			server = await sumsubTrigger({ events: [], reviewAnswers: ['GREEN'], dropDuplicates: true });
			const red = event('applicantReviewed', { reviewResult: { reviewAnswer: 'RED' } });
			await deliver(red);
			expect(server.started).toHaveLength(0);
			expect(server.staticData).toEqual({});
		});

		it('still refuses a wrongly signed review with 401 whatever the filters', async () => {
			server = await sumsubTrigger({ events: ['applicantReviewed'], reviewAnswers: ['GREEN'], dropDuplicates: true });
			const raw = JSON.stringify(event('applicantReviewed', { reviewResult: { reviewAnswer: 'GREEN' } }));
			const answer = await server.post(raw, { 'X-Payload-Digest': hmac('sha256', 'not-the-secret', raw), 'X-Payload-Digest-Alg': 'HMAC_SHA256_HEX' });
			expect(answer.status).toBe(401);
			expect(server.started).toHaveLength(0);
		});
	});

	describe('repeated deliveries', () => {
		const deliver = async (payload: object) => {
			const raw = JSON.stringify(payload);
			return await server.post(raw, { 'X-Payload-Digest': hmac('sha512', WEBHOOK_SECRET, raw), 'X-Payload-Digest-Alg': 'HMAC_SHA512_HEX' });
		};

		it('drops a delivery with a correlationId seen before', async () => {
			server = await sumsubTrigger({ events: [], dropDuplicates: true });
			expect((await deliver(sumsubPayload())).status).toBe(200);
			expect((await deliver(sumsubPayload())).status).toBe(200);
			expect(server.started).toHaveLength(1);
			const remembered = (server.staticData['node:Trigger under test'] as { deliveries: Record<string, number> }).deliveries;
			expect(Object.keys(remembered)).toHaveLength(1);
			// Another delivery is still let through.
			expect((await deliver(sumsubPayload({ correlationId: 'req-second', type: 'applicantReviewed' }))).status).toBe(200);
			expect(server.started).toHaveLength(2);
		});

		it('without a correlationId, recognises the repeat by applicant, type and createdAtMs', async () => {
			server = await sumsubTrigger({ events: [], dropDuplicates: true });
			const payload = sumsubPayload({ correlationId: undefined });
			await deliver(payload);
			await deliver(payload);
			await deliver({ ...payload, createdAtMs: '2024-03-14 10:25:00.000' });
			expect(server.started.map((d) => d[0][0].json.createdAtMs)).toEqual(['2024-03-14 10:21:09.118', '2024-03-14 10:25:00.000']);
		});

		it('starts twice when Drop Repeated Deliveries is off', async () => {
			server = await sumsubTrigger({ events: [], dropDuplicates: false });
			await deliver(sumsubPayload());
			await deliver(sumsubPayload());
			expect(server.started).toHaveLength(2);
			expect(server.staticData).toEqual({});
		});
	});
});

// ---------------------------------------------------------------------------------------
// Unit21
// ---------------------------------------------------------------------------------------

const U21_SECRET = DEMO.credentials.unit21.webhookSecret;
const samples = unit21WebhookSamples;
/** A fixed change_time, so deliveryIds are predictable (the signature's t is "now"). */
const CHANGE_TIME = 1732960000;

async function unit21Trigger(parameters: Record<string, unknown> = {}, webhookSecret = U21_SECRET) {
	return await startTriggerServer({
		nodeType: new Unit21Trigger(),
		typeName: 'n8n-nodes-kyc-media.unit21Trigger',
		parameters: { events: [], actionNames: '', toleranceSeconds: 300, ...parameters } as never,
		credentials: { unit21Api: { ...DEMO.credentials.unit21, webhookSecret, environment: 'production' } },
	});
}

/** POSTs like Unit21 does (the simulator's sender: python-style JSON, unit21-signature over "<t>." + body). */
async function sendToTrigger(server: TriggerServer, payload: object, options: Record<string, unknown> = {}) {
	return await sendUnit21Webhook(server.url, payload, { secret: U21_SECRET, ...options });
}

const startedJson = (server: TriggerServer) => server.started.map((data) => data[0][0].json);
const UNAUTHORIZED = { error_code: 'unauthorized', message: 'unit21-signature missing, wrong or too old' };

describe('Unit21 Trigger', () => {
	let server: TriggerServer;
	afterEach(async () => server?.close());

	it('starts the workflow for a correctly signed alert action, with an item ready for the next node', async () => {
		server = await unit21Trigger({ events: ['ALERT_ACTION_TRIGGERED'], actionNames: 'Pull KYC evidence' });
		const payload = samples.alertActionTriggered({ change_time: CHANGE_TIME });
		const answer = await sendToTrigger(server, payload);
		expect(answer.status).toBe(200);
		expect(server.started).toEqual([
			[
				[
					{
						json: {
							eventType: 'ALERT_ACTION_TRIGGERED',
							objectType: 'ALERT',
							unit21Id: '42',
							objectId: 'alert-42',
							entityIds: ['cust-1001'],
							actionName: 'Pull KYC evidence',
							changeTime: CHANGE_TIME,
							deliveryId: `ALERT_ACTION_TRIGGERED:ALERT:42:Pull KYC evidence:${CHANGE_TIME}`,
							payload,
						},
					},
				],
			],
		]);
		expectNothingSecret(server, [answer.body], [U21_SECRET, answer.signatureHeader]);
	});

	it('checks the exact bytes received: Python-style JSON with \\u escapes and compact JSON both pass', async () => {
		server = await unit21Trigger({ dropDuplicates: false });
		const payload = samples.alertActionTriggered({ change_time: CHANGE_TIME, title: 'Prüfung: Ausweis «Muster»' });
		const python = await sendToTrigger(server, payload, { serialization: 'python' });
		expect(python.sentBody).toContain('\\u00fc');
		expect(python.status).toBe(200);
		const compact = await sendToTrigger(server, payload, { serialization: 'compact' });
		expect(compact.sentBody).toContain('ü');
		expect(compact.status).toBe(200);
		expect(startedJson(server).map((json) => (json.payload as { title: string }).title)).toEqual([payload.title, payload.title]);
	});

	it.each([
		{ tamper: 'unsigned', case: 'no unit21-signature header' },
		{ tamper: 'wrong-signature', case: 'a signature made with another secret' },
		{ tamper: 'stale', case: 'a correct signature an hour old (a replay)' },
		{ tamper: 'body', case: 'the body altered after signing' },
		{ tamper: 'malformed', case: 'a header with t= but no s0=' },
	])('answers 401 and starts nothing for $case', async ({ tamper }) => {
		server = await unit21Trigger();
		const answer = await sendToTrigger(server, samples.alertActionTriggered({ change_time: CHANGE_TIME }), { tamper });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual(UNAUTHORIZED);
		expect(server.started).toHaveLength(0);
		expectNothingSecret(server, [answer.body], [U21_SECRET]);
	});

	describe('the signature header, byte by byte', () => {
		const body = JSON.stringify(samples.alertActionTriggered({ change_time: CHANGE_TIME }));
		const now = () => Math.floor(Date.now() / 1000);
		const s0 = (t: number, raw: string, secret = U21_SECRET) => createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex');

		it.each([
			{ case: 'the signature of another t', header: () => `t=${now() + 1},s0=${s0(now(), body)}` },
			{ case: 'the HMAC of the body alone (no "<t>." prefix)', header: () => `t=${now()},s0=${hmac('sha256', U21_SECRET, body)}` },
			{ case: 'a correct signature dated 10 minutes ahead', header: () => `t=${now() + 600},s0=${s0(now() + 600, body)}` },
			{ case: 'a signature cut short', header: () => `t=${now()},s0=${s0(now(), body).slice(0, 40)}` },
			{ case: 't in milliseconds', header: () => `t=${Date.now()},s0=${s0(Date.now(), body)}` },
			{ case: 'an empty header', header: () => '' },
		])('answers 401 to $case', async ({ header }) => {
			server = await unit21Trigger();
			const answer = await server.post(body, { 'unit21-signature': header() });
			expect(answer.status).toBe(401);
			expect(JSON.parse(answer.body)).toEqual(UNAUTHORIZED);
			expect(server.started).toHaveLength(0);
		});

		it('accepts the signature in upper case, with spaces, and next to an unknown s1 scheme', async () => {
			server = await unit21Trigger({ dropDuplicates: false });
			const t = now();
			for (const header of [`t=${t},s0=${s0(t, body).toUpperCase()}`, `t=${t}, s0=${s0(t, body)}`, `t=${t},s1=${'0'.repeat(64)},s0=${s0(t, body)}`]) {
				expect((await server.post(body, { 'unit21-signature': header })).status).toBe(200);
			}
			expect(server.started).toHaveLength(3);
		});

		it('Signature Tolerance: 2 minutes old passes the default 5 minutes, not a tolerance of 60 s', async () => {
			const t = now() - 120;
			server = await unit21Trigger();
			expect((await server.post(body, { 'unit21-signature': `t=${t},s0=${s0(t, body)}` })).status).toBe(200);
			await server.close();
			server = await unit21Trigger({ toleranceSeconds: 60 });
			expect((await server.post(body, { 'unit21-signature': `t=${t},s0=${s0(t, body)}` })).status).toBe(401);
			expect(server.started).toHaveLength(0);
		});

		it('answers 401 when the credential has no webhook secret, even to a call signed with the empty key', async () => {
			server = await unit21Trigger({}, '');
			const t = now();
			const answer = await server.post(body, { 'unit21-signature': `t=${t},s0=${s0(t, body, '')}` });
			expect(answer.status).toBe(401);
			expect(server.started).toHaveLength(0);
		});

		it('answers 400 to a correctly signed body that is not JSON', async () => {
			server = await unit21Trigger();
			const answer = await sendToTrigger(server, {}, { rawBody: 'alert_id=alert-42' });
			expect(answer.status).toBe(400);
			expect(answer.json).toEqual({ error_code: 'bad_request', message: 'Body is not JSON' });
			expect(server.started).toHaveLength(0);
		});
	});

	describe('filters', () => {
		it('an event type that is not selected is answered 200 and starts nothing', async () => {
			server = await unit21Trigger({ events: ['ALERT_ACTION_TRIGGERED'] });
			for (const payload of [samples.caseCreated(), samples.entityFlagged(), samples.alertActionTriggered({ change: 'CREATED', action_name: undefined })]) {
				const answer = await sendToTrigger(server, payload);
				expect(answer.status).toBe(200);
			}
			expect(server.started).toHaveLength(0);
			expect((await sendToTrigger(server, samples.alertActionTriggered())).status).toBe(200);
			expect(startedJson(server).map((json) => json.eventType)).toEqual(['ALERT_ACTION_TRIGGERED']);
		});

		it('Action Names: only the named buttons start it (case and spaces ignored); other events are not affected', async () => {
			server = await unit21Trigger({ actionNames: ' pull kyc EVIDENCE , Escalate to MLRO' });
			const deliveries = [
				samples.alertActionTriggered({ action_name: 'Close alert' }),
				samples.alertActionTriggered({ action_name: undefined }),
				samples.alertActionTriggered({ action_name: 'Pull KYC evidence' }),
				samples.alertActionTriggered({ action_name: 'Escalate to MLRO' }),
				// An entity action button, its name as an object (read defensively).
				{ ...samples.entityFlagged({ change: 'ACTION_TRIGGERED' }), action: { name: 'Pull KYC Evidence' } },
				samples.caseCreated(),
			];
			for (const payload of deliveries) expect((await sendToTrigger(server, payload)).status).toBe(200);
			expect(startedJson(server).map((json) => [json.eventType, json.actionName])).toEqual([
				['ALERT_ACTION_TRIGGERED', 'Pull KYC evidence'],
				['ALERT_ACTION_TRIGGERED', 'Escalate to MLRO'],
				['ENTITY_ACTION_TRIGGERED', 'Pull KYC Evidence'],
				['CASE_CREATED', null],
			]);
		});
	});

	describe('output of other webhook types', () => {
		it.each([
			{
				case: 'CASE_CREATED',
				payload: () => samples.caseCreated({ change_time: CHANGE_TIME }),
				expected: { eventType: 'CASE_CREATED', objectType: 'CASE', unit21Id: '77', objectId: null, entityIds: ['cust-1001'], actionName: null },
			},
			{
				case: 'ENTITY_FLAGGED',
				payload: () => samples.entityFlagged({ change_time: CHANGE_TIME }),
				expected: { eventType: 'ENTITY_FLAGGED', objectType: 'ENTITY', unit21Id: String(DEMO.unit21.entityUnit21Id), objectId: 'cust-1001', entityIds: ['cust-1001'], actionName: null },
			},
			{
				case: 'VERIFICATION_WORKFLOW_EXECUTED',
				payload: () => ({ object_type: 'ENTITY', change: 'VERIFICATION_WORKFLOW_EXECUTED', unit21_id: 618865781, change_time: CHANGE_TIME, entity_id: 'cust-1001', verification_workflow_id: 12, result: '$ACCEPT', is_success: true }),
				expected: { eventType: 'VERIFICATION_WORKFLOW_EXECUTED', objectType: 'ENTITY', unit21Id: '618865781', objectId: 'cust-1001', entityIds: ['cust-1001'], actionName: null },
			},
			{
				case: 'a body that names its webhook_type',
				payload: () => samples.alertActionTriggered({ change_time: CHANGE_TIME, webhook_type: 'alert_component_action_triggered' }),
				expected: { eventType: 'ALERT_COMPONENT_ACTION_TRIGGERED', objectType: 'ALERT', unit21Id: '42', objectId: 'alert-42', entityIds: ['cust-1001'], actionName: 'Pull KYC evidence' },
			},
		])('$case', async ({ payload, expected }) => {
			server = await unit21Trigger();
			const body = payload();
			expect((await sendToTrigger(server, body)).status).toBe(200);
			expect(startedJson(server)).toEqual([{ ...expected, changeTime: CHANGE_TIME, deliveryId: expect.any(String), payload: body }]);
		});
	});

	describe('deliveryId (what the replay guard and Remove Duplicates key on)', () => {
		it('is the same for a repeated call of the same change (both start when Drop Repeated Deliveries is off)', async () => {
			server = await unit21Trigger({ dropDuplicates: false });
			const payload = samples.alertActionTriggered({ change_time: CHANGE_TIME });
			// Unit21 sends up to three requests; each is signed anew (its own t), the body is the same.
			const first = await sendToTrigger(server, payload);
			const repeat = await sendToTrigger(server, payload, { timestamp: first.timestamp + 2 });
			expect([first.status, repeat.status]).toEqual([200, 200]);
			expect(repeat.signatureHeader).not.toBe(first.signatureHeader);
			const [a, b] = startedJson(server);
			expect(b.deliveryId).toBe(a.deliveryId);
		});

		it('differs for another change: a later click, another alert, another button, another webhook type', async () => {
			server = await unit21Trigger();
			const base = { change_time: CHANGE_TIME };
			const deliveries = [
				samples.alertActionTriggered(base),
				samples.alertActionTriggered({ ...base, change_time: CHANGE_TIME + 1 }),
				samples.alertActionTriggered({ ...base, unit21_id: 43, alert_id: 'alert-43' }),
				samples.alertActionTriggered({ ...base, action_name: 'Escalate to MLRO' }),
				samples.alertActionTriggered({ ...base, change: 'CLOSED', action_name: undefined }),
			];
			for (const payload of deliveries) expect((await sendToTrigger(server, payload)).status).toBe(200);
			const ids = startedJson(server).map((json) => json.deliveryId);
			expect(ids).toEqual([
				`ALERT_ACTION_TRIGGERED:ALERT:42:Pull KYC evidence:${CHANGE_TIME}`,
				`ALERT_ACTION_TRIGGERED:ALERT:42:Pull KYC evidence:${CHANGE_TIME + 1}`,
				`ALERT_ACTION_TRIGGERED:ALERT:43:Pull KYC evidence:${CHANGE_TIME}`,
				`ALERT_ACTION_TRIGGERED:ALERT:42:Escalate to MLRO:${CHANGE_TIME}`,
				`ALERT_CLOSED:ALERT:42::${CHANGE_TIME}`,
			]);
			expect(new Set(ids).size).toBe(deliveries.length);
		});
	});
});

// ---------------------------------------------------------------------------------------
// Replay protection: the same for every trigger
// ---------------------------------------------------------------------------------------

interface ReplayCase {
	trigger: string;
	start(parameters: Record<string, unknown>, mode?: 'webhook' | 'manual'): Promise<TriggerServer>;
	/** Sends delivery number `n` (a vendor's retry of it sends the same body, signed anew where the vendor does). */
	send(server: TriggerServer, n: number): Promise<{ status: number; body: string }>;
	/** The vendor id of delivery `n`, as it appears in the started item. */
	idOf(n: number): string;
}

const replayCases: ReplayCase[] = [
	{
		trigger: 'Veriff Trigger (decisions)',
		start: async (parameters, mode) =>
			await startTriggerServer({
				nodeType: new VeriffTrigger(),
				typeName: 'n8n-nodes-kyc-media.veriffTrigger',
				parameters: { webhookType: 'decision', decisionStatuses: [], eventActions: [], ...parameters } as never,
				credentials: { veriffApi: { ...DEMO.credentials.veriff, baseUrl: 'https://stationapi.veriff.com' } },
				mode,
			}),
		send: async (server, n) => {
			const payload = decisionPayload();
			const { body, signature } = veriffDelivery({ ...payload, verification: { ...payload.verification, id: `0000000${n}-3846-4e45-946a-14fa6136d78b` } });
			return await server.post(body, { 'X-HMAC-SIGNATURE': signature });
		},
		idOf: (n) => `0000000${n}-3846-4e45-946a-14fa6136d78b`,
	},
	{
		trigger: 'Veriff Trigger (events)',
		start: async (parameters, mode) =>
			await startTriggerServer({
				nodeType: new VeriffTrigger(),
				typeName: 'n8n-nodes-kyc-media.veriffTrigger',
				parameters: { webhookType: 'event', decisionStatuses: [], eventActions: [], ...parameters } as never,
				credentials: { veriffApi: { ...DEMO.credentials.veriff, baseUrl: 'https://stationapi.veriff.com' } },
				mode,
			}),
		send: async (server, n) => {
			const { body, signature } = veriffDelivery({ ...eventPayload(), id: `0000000${n}-3846-4e45-946a-14fa6136d78b` });
			return await server.post(body, { 'X-HMAC-SIGNATURE': signature });
		},
		idOf: (n) => `0000000${n}-3846-4e45-946a-14fa6136d78b`,
	},
	{
		trigger: 'Sumsub Trigger',
		start: async (parameters, mode) =>
			await startTriggerServer({
				nodeType: new SumsubTrigger(),
				typeName: 'n8n-nodes-kyc-media.sumsubTrigger',
				parameters: { events: [], reviewAnswers: [], ...parameters } as never,
				credentials: { sumsubApi: { ...DEMO.credentials.sumsub, webhookSecret: WEBHOOK_SECRET, baseUrl: 'https://api.sumsub.com' } },
				mode,
			}),
		send: async (server, n) => {
			const raw = JSON.stringify(sumsubPayload({ correlationId: `req-replay-${n}` }));
			return await server.post(raw, { 'X-Payload-Digest': hmac('sha256', WEBHOOK_SECRET, raw), 'X-Payload-Digest-Alg': 'HMAC_SHA256_HEX' });
		},
		idOf: (n) => `req-replay-${n}`,
	},
	{
		trigger: 'Unit21 Trigger',
		start: async (parameters, mode) =>
			await startTriggerServer({
				nodeType: new Unit21Trigger(),
				typeName: 'n8n-nodes-kyc-media.unit21Trigger',
				parameters: { events: [], actionNames: '', toleranceSeconds: 300, ...parameters } as never,
				credentials: { unit21Api: { ...DEMO.credentials.unit21, webhookSecret: U21_SECRET, environment: 'production' } },
				mode,
			}),
		// Each of Unit21's resends is signed anew (its own t); the body is the same.
		send: async (server, n) => await sendToTrigger(server, samples.alertActionTriggered({ change_time: CHANGE_TIME + n })),
		idOf: (n) => String(CHANGE_TIME + n),
	},
];

/** The vendor ids of the started items, in order. */
function startedIds(server: TriggerServer, replayCase: ReplayCase): string[] {
	const all = [1, 2, 3].map((n) => replayCase.idOf(n));
	return server.started.map((data) => {
		const text = JSON.stringify(data[0][0].json);
		return all.find((id) => text.includes(id)) ?? 'unknown';
	});
}

describe.each(replayCases)('$trigger: replay protection', (replayCase) => {
	let server: TriggerServer;
	afterEach(async () => server?.close());

	it('three different deliveries, each sent twice, start the workflow exactly three times; every answer is 200 {"received":true}', async () => {
		server = await replayCase.start({});
		const answers = [];
		for (const n of [1, 2, 3]) {
			answers.push(await replayCase.send(server, n));
			answers.push(await replayCase.send(server, n));
		}
		expect(startedIds(server, replayCase)).toEqual([1, 2, 3].map((n) => replayCase.idOf(n)));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
		expect(answers.map((a) => JSON.parse(a.body))).toEqual(Array(6).fill({ received: true }));
	});

	it('remembers fingerprints of the deliveries in the saved static data, not the vendor ids', async () => {
		server = await replayCase.start({});
		for (const n of [1, 2, 3]) await replayCase.send(server, n);
		const saved = server.staticData['node:Trigger under test'] as { deliveries: Record<string, number> };
		expect(Object.keys(saved.deliveries)).toHaveLength(3);
		for (const seenAt of Object.values(saved.deliveries)) expect(Math.abs(seenAt - Date.now() / 1000)).toBeLessThan(60);
		for (const n of [1, 2, 3]) expect(JSON.stringify(server.staticData)).not.toContain(replayCase.idOf(n));
	});

	it('with Drop Repeated Deliveries off, starts all six; n8n answers each with {"received":true}', async () => {
		server = await replayCase.start({ dropDuplicates: false });
		const answers = [];
		for (const n of [1, 2, 3]) {
			answers.push(await replayCase.send(server, n));
			answers.push(await replayCase.send(server, n));
		}
		expect(answers.map((a) => JSON.parse(a.body))).toEqual(Array(6).fill({ received: true }));
		expect(startedIds(server, replayCase)).toEqual([1, 1, 2, 2, 3, 3].map((n) => replayCase.idOf(n)));
		expect(server.staticData).toEqual({});
	});

	it('test events (the editor\'s test URL) are never dropped nor remembered', async () => {
		server = await replayCase.start({}, 'manual');
		await replayCase.send(server, 1);
		await replayCase.send(server, 1);
		expect(startedIds(server, replayCase)).toEqual([replayCase.idOf(1), replayCase.idOf(1)]);
		expect(server.staticData).toEqual({});
	});
});
