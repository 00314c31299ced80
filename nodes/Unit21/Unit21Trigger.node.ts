// The Unit21 trigger: its description, how it checks unit21-signature (and its age), its event and action filters, its output item.
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { parseUnit21SignatureHeader, unit21WebhookSignature } from '../../credentials/Unit21Api.credentials';
import { TRIGGER_NODE_BASE, dropRepeatedDeliveriesField, setupNotice } from '../shared/fields/nodeBase';
import { hexSignatureEquals } from '../shared/webhook/signature';
import { registeredInVendorDashboard } from '../shared/webhook/registeredInDashboard';
import { answerVerifiedDelivery } from '../shared/webhook/verifiedDelivery';
import { testUnit21Credentials } from './credentialTest';
import { unit21Delivery } from './webhookPayload';

// Unit21's webhook types (docs.unit21.ai "Webhooks detail"; VENDORS-EVIDENCE.md §3.4).
const EVENT_TYPES = [
	['Alert Action Triggered', 'ALERT_ACTION_TRIGGERED'],
	['Alert Closed', 'ALERT_CLOSED'],
	['Alert Component Action Triggered', 'ALERT_COMPONENT_ACTION_TRIGGERED'],
	['Alert Created', 'ALERT_CREATED'],
	['Alert Reopened', 'ALERT_REOPENED'],
	['Case Action Triggered', 'CASE_ACTION_TRIGGERED'],
	['Case Closed', 'CASE_CLOSED'],
	['Case Created', 'CASE_CREATED'],
	['Case Reopened', 'CASE_REOPENED'],
	['Entity Action Triggered', 'ENTITY_ACTION_TRIGGERED'],
	['Entity Flagged', 'ENTITY_FLAGGED'],
	['Event Action Triggered', 'EVENT_ACTION_TRIGGERED'],
	['Rule Triggered', 'RULE_TRIGGERED'],
	['Verification Workflow Executed', 'VERIFICATION_WORKFLOW_EXECUTED'],
].map(([name, value]) => ({ name, value }));

export class Unit21Trigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Unit21 Trigger',
		name: 'unit21Trigger',
		icon: { light: 'file:unit21.svg', dark: 'file:unit21.dark.svg' },
		...TRIGGER_NODE_BASE,
		subtitle: '={{ ($parameter["events"] || []).join(", ") || "All events" }}',
		description: 'Starts the workflow when Unit21 calls a webhook whose unit21-signature checks out, e.g. an investigator\'s action button',
		defaults: { name: 'Unit21 Trigger' },
		credentials: [{ name: 'unit21Api', required: true, testedBy: 'unit21ApiTest' }],
		properties: [
			setupNotice(
				'In Unit21, add a webhook (System → Webhooks) with this node\'s Production URL, copy its secret into the credential\'s "Webhook Secret", and point an action button or an alert, case or entity event at it. Calls whose unit21-signature is missing, wrong or older than the tolerance get 401 and start nothing.',
			),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				default: [],
				options: EVENT_TYPES,
				description: 'Only start for these webhook types; none selected means every type',
			},
			{
				displayName: 'Action Names',
				name: 'actionNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. Pull KYC evidence',
				description:
					'Comma-separated names of the action buttons that start the workflow (action events only); empty means every action',
			},
			{
				displayName: 'Signature Tolerance (Seconds)',
				name: 'toleranceSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 300,
				description: 'How old a call\'s signed timestamp (t=) may be, either way; older calls are refused as replays',
			},
			dropRepeatedDeliveriesField(
				'Unit21 resends a call it got no answer to (up to three times).',
				'its deliveryId (webhook type, object, Unit21 id, action and change time)',
			),
		],
	};

	// The webhook is registered by hand in the vendor's dashboard (see the notice).
	webhookMethods = registeredInVendorDashboard;

	// The credential's Test button (testedBy above).
	methods = { credentialTest: { unit21ApiTest: testUnit21Credentials } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials('unit21Api');
		const secret = String(credentials.webhookSecret ?? '');
		const toleranceMs = Math.max(1, Number(this.getNodeParameter('toleranceSeconds', 300)) || 300) * 1000;
		return answerVerifiedDelivery(
			this,
			{
				verify: (raw, request) => {
					const { t, signatures } = parseUnit21SignatureHeader(request.header('unit21-signature'));
					if (secret === '' || t === undefined || Math.abs(Date.now() - t * 1000) > toleranceMs) return false;
					const expected = unit21WebhookSignature(secret, t, raw);
					return signatures.some((signature) => hexSignatureEquals(signature, expected));
				},
				unsignedAnswer: { error_code: 'unauthorized', message: 'unit21-signature missing, wrong or too old' },
				notJsonAnswer: { error_code: 'bad_request', message: 'Body is not JSON' },
				acceptedAnswer: { received: true },
				deliveryKey: (payload) => unit21Delivery(payload).deliveryId,
			},
			(payload) => wantedDelivery(this, payload),
		);
	}
}

/** The item a call starts the workflow with, or undefined when filtered out. */
function wantedDelivery(ctx: IWebhookFunctions, payload: IDataObject): IDataObject | undefined {
	const delivery = unit21Delivery(payload);
	const events = ctx.getNodeParameter('events', []) as string[];
	if (events.length > 0 && !events.includes(delivery.eventType)) return undefined;
	const actionNames = String(ctx.getNodeParameter('actionNames', '') ?? '')
		.split(',')
		.map((name) => name.trim().toLowerCase())
		.filter(Boolean);
	if (actionNames.length > 0 && /ACTION_TRIGGERED$/.test(delivery.eventType)) {
		if (!actionNames.includes(String(delivery.actionName ?? '').trim().toLowerCase())) return undefined;
	}
	return { ...delivery, payload };
}
