// The Veriff trigger: its description, how it checks X-HMAC-SIGNATURE, its decision/event filters, what identifies a delivery, its output item.
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { veriffSignature } from '../../credentials/VeriffApi.credentials';
import { hexSignatureEquals } from '../shared/webhook/signature';
import { registeredInVendorDashboard } from '../shared/webhook/registeredInDashboard';
import { answerVerifiedDelivery } from '../shared/webhook/verifiedDelivery';
import { TRIGGER_NODE_BASE, dropRepeatedDeliveriesField, setupNotice } from '../shared/fields/nodeBase';
import { testVeriffCredentials } from './credentialTest';

// Veriff decision codes → status names used in its decision webhooks.
const DECISION_STATUSES = [
	{ name: 'Approved (9001)', value: 'approved' },
	{ name: 'Declined (9102)', value: 'declined' },
	{ name: 'Resubmission Requested (9103)', value: 'resubmission_requested' },
	{ name: 'Expired (9104)', value: 'expired' },
	{ name: 'Abandoned (9104)', value: 'abandoned' },
	{ name: 'Review (9121)', value: 'review' },
];

export class VeriffTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Veriff Trigger',
		name: 'veriffTrigger',
		icon: { light: 'file:veriff.svg', dark: 'file:veriff.dark.svg' },
		...TRIGGER_NODE_BASE,
		subtitle: '={{ "On " + $parameter["webhookType"] + " webhook" }}',
		description: 'Starts the workflow on a Veriff decision or event webhook whose signature checks out',
		defaults: { name: 'Veriff Trigger' },
		credentials: [{ name: 'veriffApi', required: true, testedBy: 'veriffApiTest' }],
		properties: [
			setupNotice(
				'Paste this node\'s Production URL as the decision and/or event webhook URL of your integration in the Veriff Customer Portal. Requests whose X-HMAC-SIGNATURE does not match the credential\'s shared secret key get 401 and start nothing.',
			),
			{
				displayName: 'Webhook Type',
				name: 'webhookType',
				type: 'options',
				default: 'decision',
				options: [
					{ name: 'Decision', value: 'decision', description: 'Final (or resubmission) decisions of a session' },
					{ name: 'Event', value: 'event', description: 'Session events such as started and submitted' },
					{ name: 'Any', value: 'any' },
				],
			},
			{
				displayName: 'Decision Statuses',
				name: 'decisionStatuses',
				type: 'multiOptions',
				default: [],
				options: DECISION_STATUSES,
				description: 'Only start for these decisions; none selected means every decision',
				displayOptions: { show: { webhookType: ['decision', 'any'] } },
			},
			{
				displayName: 'Event Actions',
				name: 'eventActions',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Started (7001)', value: 'started' },
					{ name: 'Submitted (7002)', value: 'submitted' },
				],
				description: 'Only start for these events; none selected means every event',
				displayOptions: { show: { webhookType: ['event', 'any'] } },
			},
			dropRepeatedDeliveriesField(
				'Veriff resends a webhook it got no 200 answer to, about once an hour for up to 7 days.',
				'session + attempt + status + decision time (decisions) or session + attempt + action (events)',
			),
		],
	};

	// The webhook is registered by hand in the vendor's dashboard (see the notice).
	webhookMethods = registeredInVendorDashboard;

	// The credential's Test button (testedBy above).
	methods = { credentialTest: { veriffApiTest: testVeriffCredentials } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials('veriffApi');
		const secret = String(credentials.sharedSecret ?? '');
		return answerVerifiedDelivery(
			this,
			{
				verify: (raw, request) =>
					secret !== '' &&
					hexSignatureEquals(
						request.header('x-hmac-signature') ?? request.header('vrf-hmac-signature'),
						veriffSignature(raw, secret),
					),
				unsignedAnswer: { status: 'fail', message: 'Signature does not match' },
				notJsonAnswer: { status: 'fail', message: 'Body is not JSON' },
				acceptedAnswer: { received: true },
				deliveryKey,
			},
			(payload) => wantedDelivery(this, payload),
		);
	}
}

/**
 * What identifies one delivery, so that Veriff's retry of it is recognised: a decision by session,
 * attempt, status and decision time; an event by session, attempt and action (VENDORS-EVIDENCE.md §2.4, §2.5).
 */
export function deliveryKey(payload: IDataObject): string {
	const verification = payload.verification as IDataObject | undefined | null;
	if (verification && typeof verification === 'object') {
		return `d:${String(verification.id)}:${String(verification.attemptId)}:${String(verification.status)}:${String(verification.decisionTime)}`;
	}
	return `e:${String(payload.id)}:${String(payload.attemptId)}:${String(payload.action ?? payload.code)}`;
}

/** The item a decision or event starts the workflow with, or undefined when the filters leave it out. */
function wantedDelivery(ctx: IWebhookFunctions, payload: IDataObject): IDataObject | undefined {
	const verification = payload.verification as IDataObject | undefined | null;
	const kind = verification && typeof verification === 'object' ? 'decision' : 'event';
	const wanted = ctx.getNodeParameter('webhookType', 'decision') as string;
	if (wanted !== 'any' && wanted !== kind) return undefined;

	if (kind === 'decision') {
		const statuses = ctx.getNodeParameter('decisionStatuses', []) as string[];
		if (statuses.length > 0 && !statuses.includes(String(verification?.status))) return undefined;
	} else {
		const actions = ctx.getNodeParameter('eventActions', []) as string[];
		if (actions.length > 0 && !actions.includes(String(payload.action))) return undefined;
	}

	const sessionId = kind === 'decision' ? verification?.id : payload.id;
	const attemptId = kind === 'decision' ? (verification?.attemptId ?? null) : (payload.attemptId ?? null);
	return { webhookType: kind, sessionId: sessionId ?? null, attemptId, ...payload };
}
