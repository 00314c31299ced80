// The Unit21 API credential: API key (u21-key header), environment or custom URL, organization name.
import { createHmac } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { secretField } from './common';

/** The documented Unit21 API hosts; every path starts with /v1. */
export const UNIT21_HOSTS = {
	production: 'https://api.unit21.com',
	production2: 'https://api.prod2.unit21.com',
	productionEu: 'https://api.prod1.eu-central-1.unit21.com',
	sandbox1: 'https://sandbox1-api.unit21.com',
	sandbox2: 'https://sandbox2-api.unit21.com',
	sandboxEu: 'https://api.sandbox1.eu-central-1.unit21.com',
} as const;

export type Unit21Environment = keyof typeof UNIT21_HOSTS | 'custom';

/** The API root (ending in /v1) for the chosen environment; custom URLs may or may not end in /v1. */
export function unit21ApiRoot(environment: string | undefined, customUrl?: string): string {
	let root: string;
	if (environment === 'custom') {
		root = (customUrl ?? '').trim();
	} else {
		root = UNIT21_HOSTS[(environment ?? 'production') as keyof typeof UNIT21_HOSTS] ?? '';
	}
	root = root.replace(/\/+$/, '');
	if (/\/v1$/i.test(root)) root = root.slice(0, -3);
	return `${root}/v1`;
}

export function unit21AuthHeaders(credentials: { apiKey: string }): Record<string, string> {
	return { 'u21-key': credentials.apiKey };
}

/**
 * The `unit21-signature` header of a webhook: `t=<unix seconds>,s0=<hex HMAC-SHA256 of "<t>." + raw body>`
 * with the webhook's own secret (docs.unit21.ai "Webhook verification").
 */
export function unit21WebhookSignature(webhookSecret: string, timestamp: number | string, rawBody: Buffer | string): string {
	return createHmac('sha256', webhookSecret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The parts of a `unit21-signature` header; `t` is undefined when the header is malformed. */
export function parseUnit21SignatureHeader(value: string | undefined): { t?: number; signatures: string[] } {
	const parts = (value ?? '').split(',').map((part) => part.trim().split('='));
	const t = Number(parts.find(([key]) => key === 't')?.[1]);
	return {
		t: Number.isInteger(t) && t > 0 ? t : undefined,
		// s0 today; later schemes may add s1… alongside.
		signatures: parts.filter(([key, v]) => /^s\d+$/.test(key) && v).map(([, v]) => v),
	};
}

export class Unit21Api implements ICredentialType {
	name = 'unit21Api';

	displayName = 'Unit21 API';

	documentationUrl = 'https://docs.unit21.ai/reference/authentication';

	icon: ICredentialType['icon'] = {
		light: 'file:../nodes/Unit21/unit21.svg',
		dark: 'file:../nodes/Unit21/unit21.dark.svg',
	};

	properties: INodeProperties[] = [
		secretField(
			'API Key',
			'apiKey',
			'Sent as the u21-key header. Unit21 dashboard → Settings → API Keys (an admin creates it).',
			{ required: true },
		),
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: UNIT21_HOSTS.production },
				{ name: 'Production 2', value: 'production2', description: UNIT21_HOSTS.production2 },
				{ name: 'Production EU', value: 'productionEu', description: UNIT21_HOSTS.productionEu },
				{ name: 'Sandbox 1', value: 'sandbox1', description: UNIT21_HOSTS.sandbox1 },
				{ name: 'Sandbox 2', value: 'sandbox2', description: UNIT21_HOSTS.sandbox2 },
				{ name: 'Sandbox EU', value: 'sandboxEu', description: UNIT21_HOSTS.sandboxEu },
				{ name: 'Custom URL', value: 'custom' },
			],
			description: 'Which Unit21 API host your organisation is on',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example.unit21.com',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'The API host Unit21 gave you ("/v1" is added unless you include it)',
		},
		{
			displayName: 'Organization Name',
			name: 'orgName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. acme-bank',
			description:
				'The org_name Unit21 assigned to your organisation; it is part of most API paths',
		},
		secretField(
			'Webhook Secret',
			'webhookSecret',
			'Only for the Unit21 Trigger: the secret of your webhook (System → Webhooks in Unit21, 20 characters), used to check the unit21-signature header',
		),
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			...unit21AuthHeaders({ apiKey: String(credentials.apiKey) }),
		};
		return requestOptions;
	}
}
