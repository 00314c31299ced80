import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { veriffSignature } from '../../credentials/VeriffApi.credentials';
import { hexSignatureEquals, rawBodyOf } from '../shared/webhook/signature';

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
		icon: 'file:veriff.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "On " + $parameter["webhookType"] + " webhook" }}',
		description: 'Starts the workflow on a Veriff decision or event webhook whose signature checks out',
		defaults: { name: 'Veriff Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'veriffApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Paste this node\'s Production URL as the decision and/or event webhook URL of your integration in the Veriff Customer Portal. Requests whose X-HMAC-SIGNATURE does not match the credential\'s shared secret key get 401 and start nothing.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
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
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const credentials = await this.getCredentials('veriffApi');
		const raw = rawBodyOf(request as unknown as { rawBody?: unknown });
		const received = request.header('x-hmac-signature') ?? request.header('vrf-hmac-signature');
		const secret = String(credentials.sharedSecret ?? '');
		// Verify over the exact bytes received, before anything is parsed or trusted.
		if (!raw || secret === '' || !hexSignatureEquals(received, veriffSignature(raw, secret))) {
			response.status(401).json({ status: 'fail', message: 'Signature does not match' }).end();
			return { noWebhookResponse: true };
		}

		let payload: IDataObject;
		try {
			payload = JSON.parse(raw.toString('utf8')) as IDataObject;
		} catch {
			response.status(400).json({ status: 'fail', message: 'Body is not JSON' }).end();
			return { noWebhookResponse: true };
		}

		const verification = payload.verification as IDataObject | undefined | null;
		const kind = verification && typeof verification === 'object' ? 'decision' : 'event';
		const wanted = this.getNodeParameter('webhookType', 'decision') as string;
		if (wanted !== 'any' && wanted !== kind) return { webhookResponse: 'OK' };

		if (kind === 'decision') {
			const statuses = this.getNodeParameter('decisionStatuses', []) as string[];
			if (statuses.length > 0 && !statuses.includes(String(verification?.status))) return { webhookResponse: 'OK' };
		} else {
			const actions = this.getNodeParameter('eventActions', []) as string[];
			if (actions.length > 0 && !actions.includes(String(payload.action))) return { webhookResponse: 'OK' };
		}

		const sessionId = kind === 'decision' ? verification?.id : payload.id;
		const attemptId = kind === 'decision' ? (verification?.attemptId ?? null) : (payload.attemptId ?? null);
		return {
			workflowData: [
				this.helpers.returnJsonArray({ webhookType: kind, sessionId: sessionId ?? null, attemptId, ...payload }),
			],
		};
	}
}
