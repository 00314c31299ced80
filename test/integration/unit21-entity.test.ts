/**
 * Unit21 Get Entity and Create or Update Entity against the Unit21 simulator: the entity as
 * Unit21 serves it, ids with "/ # ?" percent-encoded as one path segment, custom_data merged
 * (or replaced when asked), "Fail if the Entity Exists" → 409 without a resend, an entity
 * busy (423) retried, and Continue On Fail. Bad input and faults of both operations are in
 * bad-input.test.ts and faults.test.ts.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { Unit21 } from '../../nodes/Unit21/Unit21.node';
import { credentialsSentTo, errorText, expectNoSecrets, nodeRunner, params } from '../helpers/scenario';
import { DEMO, startUnit21Simulator } from '../helpers/simulators';

const U = DEMO.unit21;
const ORG = DEMO.credentials.unit21.orgName;

let u21: any;
const unit21Node = nodeRunner('unit21', () => u21, { noSecrets: true });

beforeAll(async () => {
	u21 = await startUnit21Simulator({});
});
afterAll(async () => {
	await u21?.close();
});
beforeEach(() => {
	u21.clearRequests();
	u21.clearEntityWrites();
	u21.clearFaults();
});

let counter = 0;
/** A fresh entity of the simulator's organisation, so tests do not see each other's writes. */
function freshEntity(data: IDataObject = {}, prefix = 'cust-test'): string {
	const id = `${prefix}-${++counter}`;
	u21.addEntity(ORG, id, {
		data: {
			general_data: { entity_type: 'user', status: 'active', registered_at: 1710409200, tags: ['kyc_vendor:sumsub'] },
			user_data: { first_name: 'Lena', last_name: 'Fischer' },
			custom_data: { sumsub_applicant_id: DEMO.sumsub.applicantCompleted, risk: 'low' },
			...data,
		},
	});
	return id;
}

const requests = () => u21.requests.map((r: any) => `${r.method} ${r.path}`);
const sentBody = (n = 0) => JSON.parse(u21.requests[n].body.toString('utf8'));

/** The parameter's default as the node describes it (what a user gets without typing anything). */
function defaultOf(operation: string, name: string): unknown {
	const property = new Unit21().description.properties.find(
		(p: INodeProperties) => p.name === name && p.displayOptions?.show?.operation?.includes(operation),
	);
	return property?.default;
}

describe('Get Entity', () => {
	it('returns the entity as Unit21 serves it, with its custom_data (where the Veriff session id is kept)', async () => {
		const items = await unit21Node.runOk(params.unit21GetEntity(U.entity));
		expect(requests()).toEqual([`GET /v1/${ORG}/entities/${U.entity}`]);
		expect(u21.requests[0].headers['u21-key']).toBe(DEMO.credentials.unit21.apiKey);
		expect(items).toEqual([{ json: { entityId: U.entity, ...u21.getEntityData(U.entity) }, pairedItem: { item: 0 } }]);
		expect(items[0].json).toMatchObject({
			general_data: { entity_id: U.entity, entity_type: 'user', status: 'active', tags: ['kyc_vendor:veriff'] },
			user_data: { first_name: 'Maria', last_name: 'Mustermann' },
			custom_data: { veriff_session_id: DEMO.veriff.sessionApproved },
		});
	});

	it('by default reads the first entity of a Unit21 Trigger item', async () => {
		const entityId = defaultOf('get', 'entityId');
		expect(entityId).toBe('={{ $json.entityIds?.[0] ?? $json.entity_id }}');
		const trigger = { eventType: 'ALERT_ACTION_TRIGGERED', unit21Id: '42', entityIds: [U.sumsubEntity, U.entity], deliveryId: 'x' };
		const items = await unit21Node.runOk(params.unit21GetEntity(entityId as string), {
			input: [{ json: trigger }, { json: { entity_id: U.entity2 } }],
		});
		expect(requests()).toEqual([`GET /v1/${ORG}/entities/${U.sumsubEntity}`, `GET /v1/${ORG}/entities/${U.entity2}`]);
		expect(items.map((i) => [i.json.entityId, (i.json.custom_data as IDataObject).sumsub_applicant_id ?? (i.json.custom_data as IDataObject).veriff_session_id])).toEqual([
			[U.sumsubEntity, DEMO.sumsub.applicantCompleted],
			[U.entity2, DEMO.veriff.sessionImagesOnly],
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		['acct/7#a?b=1', 'acct%2F7%23a%3Fb%3D1'],
		["o'neil&co+1%@x.test", "o'neil%26co%2B1%25%40x.test"],
		['../etc', '..%2Fetc'],
		['%2F', '%252F'],
	])('the id %j (characters Unit21 allows) goes into the path as one percent-encoded segment', async (entityId, encoded) => {
		u21.addEntity(ORG, entityId, { data: { custom_data: { marker: entityId } } });
		const items = await unit21Node.runOk(params.unit21GetEntity(entityId));
		expect(requests()).toEqual([`GET /v1/${ORG}/entities/${encoded}`]);
		expect(items[0].json).toMatchObject({ entityId, general_data: { entity_id: entityId }, custom_data: { marker: entityId } });
	});

	it.each([
		['an unknown entity', U.entityUnknown],
		['a placeholder entity', U.placeholderEntity],
	])('%s: 404 with Unit21\'s message and a hint about ids', async (_what, entityId) => {
		const result = await unit21Node.run(params.unit21GetEntity(entityId));
		expect(result.error?.message).toBe(
			`Getting Unit21 entity ${entityId} failed: Unit21 says "Entity ${entityId} not found" (code resource_not_found, HTTP 404)`,
		);
		expect(result.error?.description).toContain('not unit21_id');
		expect(u21.requests).toHaveLength(1);
		expectNoSecrets(result, credentialsSentTo(u21));
	});

	it('Continue On Fail: the unknown entity becomes an error item, order and pairing kept', async () => {
		const result = await unit21Node.run(params.unit21GetEntity('={{ $json.id }}'), {
			input: [U.entity, U.entityUnknown, U.entity2].map((id) => ({ json: { id } })),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.entityId ?? i.json.error)).toEqual([
			U.entity,
			`Getting Unit21 entity ${U.entityUnknown} failed: Unit21 says "Entity ${U.entityUnknown} not found" (code resource_not_found, HTTP 404)`,
			U.entity2,
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Create or Update Entity', () => {
	it('merges Custom Data into what Unit21 holds: only the keys given change', async () => {
		const entityId = freshEntity();
		const before = u21.getEntityData(entityId);
		const customData = '{"kyc_evidence_attached_at": "2024-11-30T12:00:00.000Z", "kyc_evidence_image_ids": ["1718267390", "1718267391"], "risk": "reviewed"}';
		const items = await unit21Node.runOk(params.unit21UpsertEntity(entityId, { customData }));

		// No organisation in the path: the key says which one.
		expect(requests()).toEqual(['POST /v1/entities/create']);
		expect(u21.requests[0].headers['content-type']).toMatch(/^application\/json/);
		const body = {
			general_data: { entity_id: entityId, entity_type: 'user' },
			options: { upsert_on_conflict: true, merge_custom_data: true },
			custom_data: JSON.parse(customData),
		};
		expect(sentBody()).toEqual(body);
		expect(u21.entityWrites.map((w: any) => [w.status, w.outcome])).toEqual([[200, 'updated']]);

		const after = u21.getEntityData(entityId);
		expect(after.custom_data).toEqual({
			sumsub_applicant_id: DEMO.sumsub.applicantCompleted,
			risk: 'reviewed',
			kyc_evidence_attached_at: '2024-11-30T12:00:00.000Z',
			kyc_evidence_image_ids: ['1718267390', '1718267391'],
		});
		// Nothing else of the entity changed.
		expect({ ...after, custom_data: undefined }).toEqual({ ...before, custom_data: undefined });
		expect(items).toEqual([{ json: { entityId, entity_id: entityId, previously_existed: true, sent: body }, pairedItem: { item: 0 } }]);
	});

	it('Custom Data may come from an expression as an object; two merges keep each other\'s keys', async () => {
		const entityId = freshEntity();
		await unit21Node.runOk(params.unit21UpsertEntity(entityId, { customData: '={{ { kyc_verdict: $json.verdict } }}' }), {
			input: [{ json: { verdict: 'approved' } }],
		});
		await unit21Node.runOk(params.unit21UpsertEntity(entityId, { customData: '{"kyc_reviewer": "analyst@demo-org.example"}' }));
		expect(u21.getEntityData(entityId).custom_data).toEqual({
			sumsub_applicant_id: DEMO.sumsub.applicantCompleted,
			risk: 'low',
			kyc_verdict: 'approved',
			kyc_reviewer: 'analyst@demo-org.example',
		});
	});

	it('Replace Custom Data: the given object becomes the whole custom_data', async () => {
		const entityId = freshEntity();
		await unit21Node.runOk(params.unit21UpsertEntity(entityId, { customData: '{"kyc_verdict": "declined"}', options: { replaceCustomData: true } }));
		expect(sentBody().options).toEqual({ upsert_on_conflict: true, merge_custom_data: false });
		expect(u21.getEntityData(entityId).custom_data).toEqual({ kyc_verdict: 'declined' });
	});

	it('without Custom Data, custom_data is not sent and stays as it is', async () => {
		const entityId = freshEntity();
		await unit21Node.runOk(params.unit21UpsertEntity(entityId, { options: { status: 'under_review' } }));
		expect(sentBody()).not.toHaveProperty('custom_data');
		const after = u21.getEntityData(entityId);
		expect(after.general_data.status).toBe('under_review');
		expect(after.custom_data).toEqual({ sumsub_applicant_id: DEMO.sumsub.applicantCompleted, risk: 'low' });
	});

	it('creates a new entity with type, subtype, status, tags, registration date and business data', async () => {
		const entityId = `biz-${++counter}`;
		const items = await unit21Node.runOk(
			params.unit21UpsertEntity(entityId, {
				entityType: 'business',
				customData: '{"kyb_vendor": "sumsub"}',
				options: {
					entitySubtype: 'merchant',
					status: 'active',
					tags: 'kyc_vendor:sumsub, tier:2 ,',
					registeredAt: '2024-03-14T09:40:00.000Z',
					profileData: '{"business_name": "Muster GmbH", "corporate_tax_id": "DE123"}',
				},
			}),
		);
		expect(sentBody()).toEqual({
			general_data: {
				entity_id: entityId,
				entity_type: 'business',
				entity_subtype: 'merchant',
				status: 'active',
				tags: ['kyc_vendor:sumsub', 'tier:2'],
				registered_at: 1710409200,
			},
			options: { upsert_on_conflict: true, merge_custom_data: true },
			custom_data: { kyb_vendor: 'sumsub' },
			business_data: { business_name: 'Muster GmbH', corporate_tax_id: 'DE123' },
		});
		expect(items[0].json).toMatchObject({ entityId, entity_id: entityId, previously_existed: false });
		expect(u21.getEntityData(entityId)).toMatchObject({
			general_data: { entity_id: entityId, entity_type: 'business', entity_subtype: 'merchant', registered_at: 1710409200 },
			business_data: { business_name: 'Muster GmbH' },
			custom_data: { kyb_vendor: 'sumsub' },
		});
	});

	it('an id with "/ # ?" is sent as it is in the body and can be read back', async () => {
		const entityId = `acct/${++counter}#x?y=1`;
		await unit21Node.runOk(params.unit21UpsertEntity(entityId, { customData: '{"source": "n8n"}' }));
		expect(sentBody().general_data.entity_id).toBe(entityId);
		const items = await unit21Node.runOk(params.unit21GetEntity(entityId));
		expect(items[0].json).toMatchObject({ entityId, custom_data: { source: 'n8n' } });
	});

	it('Fail if the Entity Exists: Unit21\'s 409 fails the item, nothing is changed and nothing is resent', async () => {
		const entityId = freshEntity();
		const result = await unit21Node.run(params.unit21UpsertEntity(entityId, { customData: '{"risk": "high"}', options: { failIfExists: true } }));
		expect(sentBody().options).toEqual({ upsert_on_conflict: false, merge_custom_data: true });
		expect(result.error?.message).toBe(
			`Creating or updating Unit21 entity ${entityId} failed: Unit21 says "Entity ${entityId} already exists (options.upsert_on_conflict is false)" (code conflict, HTTP 409)`,
		);
		expect(result.error?.httpCode).toBe('409');
		expect(u21.requests).toHaveLength(1);
		expect(u21.getEntityData(entityId).custom_data.risk).toBe('low');
		expectNoSecrets(result, credentialsSentTo(u21));
	});

	it('Fail if the Entity Exists still creates an entity that does not exist', async () => {
		const entityId = `new-${++counter}`;
		const items = await unit21Node.runOk(params.unit21UpsertEntity(entityId, { options: { failIfExists: true } }));
		expect(items[0].json).toMatchObject({ entityId, previously_existed: false });
		expect(u21.getEntityData(entityId)).not.toBeNull();
	});

	it.each([
		['a 502', { status: 502 }, /says "Bad gateway" \(code bad_gateway, HTTP 502\)$/, /may have been applied: it was not resent/],
		['a connection reset', { reset: 'before-response' }, /the connection to Unit21 dropped before it answered/, /Unit21 may have applied it/],
	])('with Fail if the Entity Exists a repeat would answer 409, so %s is not resent', async (_what, fault, message, description) => {
		const entityId = `new-${++counter}`;
		u21.injectFault({ method: 'POST', path: '/v1/entities/create', ...fault });
		const result = await unit21Node.run(params.unit21UpsertEntity(entityId, { options: { failIfExists: true } }));
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(description);
		expect(u21.requests).toHaveLength(1);
	});

	it('an entity busy (423) is retried and then stored', async () => {
		const entityId = freshEntity();
		u21.setEntityBusy(entityId, 1);
		const started = Date.now();
		const items = await unit21Node.runOk(params.unit21UpsertEntity(entityId, { customData: '{"risk": "medium"}' }));
		expect(u21.entityWrites.map((w: any) => [w.status, w.outcome])).toEqual([
			[423, 'rejected'],
			[200, 'updated'],
		]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(200);
		expect(items[0].json).toMatchObject({ entityId, previously_existed: true });
		expect(u21.getEntityData(entityId).custom_data.risk).toBe('medium');
	});

	it('an entity busy for longer than Max Retries: fails with Unit21\'s message and the hint to run it again', async () => {
		const entityId = freshEntity();
		u21.setEntityBusy(entityId, Infinity);
		try {
			const result = await unit21Node.run(params.unit21UpsertEntity(entityId, { customData: '{"risk": "medium"}', options: { maxRetries: 1 } }));
			expect(result.error?.message).toBe(
				`Creating or updating Unit21 entity ${entityId} failed: Unit21 says "Entity ${entityId} is being updated, retry later" (code locked, HTTP 423)`,
			);
			expect(result.error?.description).toContain('Unit21 is still updating this object');
			expect(u21.entityWrites.map((w: any) => w.status)).toEqual([423, 423]);
			expect(u21.getEntityData(entityId).custom_data.risk).toBe('low');
		} finally {
			u21.setEntityBusy(entityId, 0);
		}
	});

	it('Continue On Fail: an existing entity (409) becomes an error item; the new ones are created, in order', async () => {
		const existing = freshEntity();
		const ids = [`new-${++counter}`, existing, `new-${++counter}`];
		const result = await unit21Node.run(
			params.unit21UpsertEntity('={{ $json.id }}', { customData: '={{ JSON.stringify({ n: $json.n }) }}', options: { failIfExists: true } }),
			{ input: ids.map((id, n) => ({ json: { id, n } })), continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.entityId ?? i.json.error)).toEqual([
			ids[0],
			`Creating or updating Unit21 entity ${existing} failed: Unit21 says "Entity ${existing} already exists (options.upsert_on_conflict is false)" (code conflict, HTTP 409)`,
			ids[2],
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(u21.getEntityData(ids[2]).custom_data).toEqual({ n: 2 });
		expect(errorText(result)).toContain('HTTP 409');
	});
});
