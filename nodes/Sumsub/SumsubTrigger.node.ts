// The Sumsub trigger: its description, how it checks X-Payload-Digest, its event filters, what identifies a delivery, its output item.
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { sumsubWebhookDigest } from '../../credentials/SumsubApi.credentials';
import type { SumsubDigestAlgorithm } from '../../credentials/SumsubApi.credentials';
import { hexSignatureEquals } from '../shared/webhook/signature';
import { registeredInVendorDashboard } from '../shared/webhook/registeredInDashboard';
import { answerVerifiedDelivery } from '../shared/webhook/verifiedDelivery';
import { TRIGGER_NODE_BASE, dropRepeatedDeliveriesField, setupNotice } from '../shared/fields/nodeBase';
import { testSumsubCredentials } from './credentialTest';

// Sumsub's webhook types (docs.sumsub.com "User verification webhooks"; VENDORS-EVIDENCE.md §1.7).
const EVENT_TYPES = [
	'applicantCreated',
	'applicantPending',
	'applicantReviewed',
	'applicantOnHold',
	'applicantPrechecked',
	'applicantAwaitingService',
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
];

const ALGORITHMS: SumsubDigestAlgorithm[] = ['HMAC_SHA1_HEX', 'HMAC_SHA256_HEX', 'HMAC_SHA512_HEX'];

/**
 * What identifies one delivery, so that Sumsub's retry of it is recognised: its correlationId, else
 * applicant + type + createdAtMs (a "yyyy-MM-dd HH:mm:ss.fff" string; VENDORS-EVIDENCE.md §1.7).
 */
export function deliveryKey(payload: IDataObject): string {
	if (payload.correlationId) return `c:${String(payload.correlationId)}`;
	return `a:${String(payload.applicantId)}:${String(payload.type)}:${String(payload.createdAtMs ?? payload.createdAt)}`;
}

export class SumsubTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sumsub Trigger',
		name: 'sumsubTrigger',
		icon: { light: 'file:sumsub.svg', dark: 'file:sumsub.dark.svg' },
		...TRIGGER_NODE_BASE,
		subtitle: '={{ ($parameter["events"] || []).join(", ") || "All events" }}',
		description: 'Starts the workflow on a Sumsub webhook whose X-Payload-Digest checks out',
		defaults: { name: 'Sumsub Trigger' },
		credentials: [{ name: 'sumsubApi', required: true, testedBy: 'sumsubApiTest' }],
		properties: [
			setupNotice(
				'Add this node\'s Production URL as a webhook in Sumsub (Dev space → Webhooks) and copy that webhook\'s secret key into the credential\'s "Webhook Secret Key". Deliveries with a wrong or missing X-Payload-Digest get 401 and start nothing.',
			),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				default: [],
				options: EVENT_TYPES.map((type) => ({ name: type, value: type })),
				description: 'Only start for these event types; none selected means every event',
			},
			{
				displayName: 'Review Answers',
				name: 'reviewAnswers',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'GREEN (Approved)', value: 'GREEN' },
					{ name: 'RED (Rejected)', value: 'RED' },
				],
				description:
					'Only start for reviews with these answers (reviewResult.reviewAnswer of applicantReviewed and applicantActionReviewed); none selected means every answer. Other event types are not affected.',
			},
			dropRepeatedDeliveriesField(
				'Sumsub resends a delivery it got no answer to (after 5 min, 1 h, 5 h and 18 h) and may deliver twice.',
				'correlationId, else applicant + type + createdAtMs',
			),
		],
	};

	// The webhook is registered by hand in the vendor's dashboard (see the notice).
	webhookMethods = registeredInVendorDashboard;

	// The credential's Test button (testedBy above).
	methods = { credentialTest: { sumsubApiTest: testSumsubCredentials } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials('sumsubApi');
		const secret = String(credentials.webhookSecret ?? '');
		return answerVerifiedDelivery(
			this,
			{
				verify: (raw, request) => {
					const algorithm = (request.header('x-payload-digest-alg') ?? 'HMAC_SHA256_HEX') as SumsubDigestAlgorithm;
					return (
						secret !== '' &&
						ALGORITHMS.includes(algorithm) &&
						hexSignatureEquals(request.header('x-payload-digest'), sumsubWebhookDigest(secret, raw, algorithm))
					);
				},
				unsignedAnswer: { description: 'Payload digest does not match' },
				notJsonAnswer: { description: 'Body is not JSON' },
				acceptedAnswer: { received: true },
				deliveryKey,
			},
			(payload) => wantedDelivery(this, payload),
		);
	}
}

/** The item an event starts the workflow with, or undefined when the filters leave it out. */
function wantedDelivery(ctx: IWebhookFunctions, payload: IDataObject): IDataObject | undefined {
	const events = ctx.getNodeParameter('events', []) as string[];
	if (events.length > 0 && !events.includes(String(payload.type))) return undefined;
	const answers = ctx.getNodeParameter('reviewAnswers', []) as string[];
	const answer = (payload.reviewResult as IDataObject | undefined)?.reviewAnswer;
	if (answers.length > 0 && /Reviewed$/.test(String(payload.type)) && !answers.includes(String(answer))) return undefined;

	return {
		applicantId: payload.applicantId ?? null,
		inspectionId: payload.inspectionId ?? null,
		externalUserId: payload.externalUserId ?? null,
		type: payload.type ?? null,
		...payload,
	};
}
