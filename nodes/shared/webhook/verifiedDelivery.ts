// The flow the webhook triggers share: raw body, signature check (401, start nothing), JSON parse (400), filter, replay guard, start.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { seenBefore } from './replayGuard';
import { rawBodyOf } from './signature';

export type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;

export interface DeliveryCheck {
	/** Whether the raw bytes carry the vendor's signature (compare in constant time, e.g. hexSignatureEquals). */
	verify(raw: Buffer, request: WebhookRequest): boolean;
	/** The vendor-shaped JSON body of the 401 answer to a delivery whose signature does not check out. */
	unsignedAnswer: IDataObject;
	/** The vendor-shaped JSON body of the 400 answer to a signed body that is not JSON. */
	notJsonAnswer: IDataObject;
	/** The short JSON body of the 200 answer to a verified delivery, whether it starts the workflow or not. */
	acceptedAnswer: IDataObject;
	/**
	 * What identifies a delivery, so that the vendor's retry of it is recognised (equal for a
	 * retry, different for any other delivery). Used when the node's "Drop Repeated Deliveries"
	 * (parameter `dropDuplicates`) is on.
	 */
	deliveryKey(payload: IDataObject): string;
}

/**
 * What a trigger makes of a verified payload: the JSON of the one item the workflow starts
 * with, or `undefined` to answer 200 and start nothing (filtered out).
 */
export type DeliveryOutput = (payload: IDataObject) => IDataObject | undefined;

function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body).end();
	return { noWebhookResponse: true };
}

/** Runs one delivery through the check and the trigger's output, and returns what webhook() returns. */
export function answerVerifiedDelivery(
	ctx: IWebhookFunctions,
	check: DeliveryCheck,
	output: DeliveryOutput,
): IWebhookResponseData {
	const request = ctx.getRequestObject();
	const raw = rawBodyOf(request as unknown as { rawBody?: unknown });
	// Verify over the exact bytes received, before anything is parsed or trusted.
	if (!raw || !check.verify(raw, request)) return answer(ctx, 401, check.unsignedAnswer);

	let payload: IDataObject;
	try {
		payload = JSON.parse(raw.toString('utf8')) as IDataObject;
	} catch {
		return answer(ctx, 400, check.notJsonAnswer);
	}

	const json = output(payload);
	if (json === undefined) return answer(ctx, 200, check.acceptedAnswer);
	const workflowData = [ctx.helpers.returnJsonArray(json)];

	// Without the guard n8n answers (with acceptedAnswer, see TRIGGER_NODE_BASE's responseData)
	// once it has recorded the execution.
	if (!(ctx.getNodeParameter('dropDuplicates', true) as boolean)) {
		return { webhookResponse: check.acceptedAnswer, workflowData };
	}
	if (seenBefore(ctx, check.deliveryKey(payload))) return answer(ctx, 200, check.acceptedAnswer);
	// The trigger answers itself: n8n 2.41.1 saves static data changed in webhook() only when it
	// answers, and when it answers after starting the execution, starting it has already reset
	// the data's "changed" flag (webhook-helpers.js executeWebhook → WorkflowRunner.run →
	// establishContextForPersistence builds a new Workflow on the same static data), so every
	// delivery after the first would be forgotten. Answered here, n8n saves it first.
	ctx.getResponseObject().status(200).json(check.acceptedAnswer).end();
	return { noWebhookResponse: true, workflowData };
}
