// The flow both webhook triggers share: raw body, signature check (401, start nothing), JSON parse (400), filter, start.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { rawBodyOf } from './signature';

export type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;

export interface DeliveryCheck {
	/** Whether the raw bytes carry the vendor's signature (compare in constant time, e.g. hexSignatureEquals). */
	verify(raw: Buffer, request: WebhookRequest): boolean;
	/** The vendor-shaped JSON body of the 401 answer to a delivery whose signature does not check out. */
	unsignedAnswer: IDataObject;
	/** The vendor-shaped JSON body of the 400 answer to a signed body that is not JSON. */
	notJsonAnswer: IDataObject;
}

/**
 * What a trigger makes of a verified payload: the JSON of the one item the workflow starts
 * with, or `undefined` to answer 200 "OK" and start nothing (filtered out, or a repeat).
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
	if (json === undefined) return { webhookResponse: 'OK' };
	return { workflowData: [ctx.helpers.returnJsonArray(json)] };
}
