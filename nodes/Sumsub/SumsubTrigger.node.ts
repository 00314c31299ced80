import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { sumsubWebhookDigest } from '../../credentials/SumsubApi.credentials';
import type { SumsubDigestAlgorithm } from '../../credentials/SumsubApi.credentials';
import { hexSignatureEquals, rawBodyOf } from '../shared/webhook/signature';

const EVENT_TYPES = [
	'applicantCreated',
	'applicantPending',
	'applicantReviewed',
	'applicantOnHold',
	'applicantActionPending',
	'applicantActionReviewed',
	'applicantPersonalInfoChanged',
	'applicantReset',
	'applicantWorkflowCompleted',
	'videoIdentStatusChanged',
	'videoIdentCompositionCompleted',
];

const ALGORITHMS: SumsubDigestAlgorithm[] = ['HMAC_SHA1_HEX', 'HMAC_SHA256_HEX', 'HMAC_SHA512_HEX'];
const REMEMBERED_DELIVERIES = 1000;

/** What identifies one delivery, so a retried delivery of the same event is recognised. */
export function deliveryKey(payload: IDataObject): string {
	if (payload.correlationId) return `c:${String(payload.correlationId)}`;
	return `a:${String(payload.applicantId)}:${String(payload.type)}:${String(payload.createdAtMs ?? payload.createdAt)}`;
}

export class SumsubTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sumsub Trigger',
		name: 'sumsubTrigger',
		icon: 'file:sumsub.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") || "All events" }}',
		description: 'Starts the workflow on a Sumsub webhook whose X-Payload-Digest checks out',
		defaults: { name: 'Sumsub Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'sumsubApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Add this node\'s Production URL as a webhook in Sumsub (Dev space → Webhooks) and copy that webhook\'s secret key into the credential\'s "Webhook Secret Key". Deliveries with a wrong or missing X-Payload-Digest get 401 and start nothing.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				default: [],
				options: EVENT_TYPES.map((type) => ({ name: type, value: type })),
				description: 'Only start for these event types; none selected means every event',
			},
			{
				displayName: 'Drop Repeated Deliveries',
				name: 'dropDuplicates',
				type: 'boolean',
				default: true,
				description:
					'Whether to ignore a delivery seen before (Sumsub retries and may deliver twice). Remembers the last 1000 deliveries of the active workflow, by correlationId or applicant + type + createdAtMs.',
			},
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const credentials = await this.getCredentials('sumsubApi');
		const secret = String(credentials.webhookSecret ?? '');
		const raw = rawBodyOf(request as unknown as { rawBody?: unknown });
		const algorithm = (request.header('x-payload-digest-alg') ?? 'HMAC_SHA256_HEX') as SumsubDigestAlgorithm;
		const received = request.header('x-payload-digest');
		const valid =
			raw !== undefined &&
			secret !== '' &&
			ALGORITHMS.includes(algorithm) &&
			hexSignatureEquals(received, sumsubWebhookDigest(secret, raw, algorithm));
		if (!valid) {
			response.status(401).json({ description: 'Payload digest does not match' }).end();
			return { noWebhookResponse: true };
		}

		let payload: IDataObject;
		try {
			payload = JSON.parse(raw.toString('utf8')) as IDataObject;
		} catch {
			response.status(400).json({ description: 'Body is not JSON' }).end();
			return { noWebhookResponse: true };
		}

		const events = this.getNodeParameter('events', []) as string[];
		if (events.length > 0 && !events.includes(String(payload.type))) return { webhookResponse: 'OK' };

		if (this.getNodeParameter('dropDuplicates', true) as boolean) {
			const staticData = this.getWorkflowStaticData('node');
			const seen = (Array.isArray(staticData.seenDeliveries) ? staticData.seenDeliveries : []) as string[];
			const key = deliveryKey(payload);
			if (seen.includes(key)) return { webhookResponse: 'OK' };
			seen.push(key);
			staticData.seenDeliveries = seen.slice(-REMEMBERED_DELIVERIES);
		}

		return {
			workflowData: [
				this.helpers.returnJsonArray({
					applicantId: payload.applicantId ?? null,
					inspectionId: payload.inspectionId ?? null,
					externalUserId: payload.externalUserId ?? null,
					type: payload.type ?? null,
					...payload,
				}),
			],
		};
	}
}
