// The Sumsub trigger: its description, how it checks X-Payload-Digest, its event filter, dropping repeated deliveries, its output item.
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
import { answerVerifiedDelivery } from '../shared/webhook/verifiedDelivery';
import { TRIGGER_NODE_BASE, setupNotice } from '../shared/fields/nodeBase';

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
		icon: { light: 'file:sumsub.svg', dark: 'file:sumsub.dark.svg' },
		...TRIGGER_NODE_BASE,
		subtitle: '={{ ($parameter["events"] || []).join(", ") || "All events" }}',
		description: 'Starts the workflow on a Sumsub webhook whose X-Payload-Digest checks out',
		defaults: { name: 'Sumsub Trigger' },
		credentials: [{ name: 'sumsubApi', required: true }],
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
			},
			(payload) => wantedDelivery(this, payload),
		);
	}
}

/** The item an event starts the workflow with, or undefined when filtered out or seen before. */
function wantedDelivery(ctx: IWebhookFunctions, payload: IDataObject): IDataObject | undefined {
	const events = ctx.getNodeParameter('events', []) as string[];
	if (events.length > 0 && !events.includes(String(payload.type))) return undefined;
	const answers = ctx.getNodeParameter('reviewAnswers', []) as string[];
	const answer = (payload.reviewResult as IDataObject | undefined)?.reviewAnswer;
	if (answers.length > 0 && /Reviewed$/.test(String(payload.type)) && !answers.includes(String(answer))) return undefined;

	if (ctx.getNodeParameter('dropDuplicates', true) as boolean) {
		const staticData = ctx.getWorkflowStaticData('node');
		const seen = (Array.isArray(staticData.seenDeliveries) ? staticData.seenDeliveries : []) as string[];
		const key = deliveryKey(payload);
		if (seen.includes(key)) return undefined;
		seen.push(key);
		staticData.seenDeliveries = seen.slice(-REMEMBERED_DELIVERIES);
	}

	return {
		applicantId: payload.applicantId ?? null,
		inspectionId: payload.inspectionId ?? null,
		externalUserId: payload.externalUserId ?? null,
		type: payload.type ?? null,
		...payload,
	};
}
