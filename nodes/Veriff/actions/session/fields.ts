// Fields shared by Veriff's session and media operations: Session ID, Verify Response Signature.
import type { INodeProperties } from 'n8n-workflow';

export const sessionIdField: INodeProperties = {
	displayName: 'Session ID',
	name: 'sessionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7',
	description: 'The verification session (a UUID), e.g. the sessionId of a Veriff Trigger item',
};

export const verifySignatureField: INodeProperties = {
	displayName: 'Verify Response Signature',
	name: 'verifyResponseSignature',
	type: 'boolean',
	default: true,
	description: 'Whether to reject a response whose X-HMAC-SIGNATURE does not match its content',
};
