// Veriff → List Attempts: the attempts of a session, newest first.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { reliabilityOptionFields, optionsCollection } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { getIdParameter } from '../../../shared/fields/ids';
import { veriff } from '../../transport';
import type { VeriffAttemptList } from './attempts';
import { sessionIdField, verifySignatureField } from './fields';

const show = { resource: ['session'], operation: ['listAttempts'] };

export const description: INodeProperties[] = [
	{ ...sessionIdField, displayOptions: { show } },
	optionsCollection(show, [
		{
			displayName: 'Raw Response',
			name: 'rawResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to return Veriff\'s response unchanged instead of one item per attempt',
		},
		...reliabilityOptionFields,
		verifySignatureField,
	]),
];

interface Plan {
	sessionId: string;
	raw: boolean;
	verifySignature: boolean;
}

async function prepare(this: IExecuteFunctions, i: number): Promise<Plan> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return {
		sessionId: getIdParameter(this, 'sessionId', 'Session ID', i, 'uuid'),
		raw: options.rawResponse === true,
		verifySignature: options.verifyResponseSignature !== false,
	};
}

async function execute(this: IExecuteFunctions, plan: Plan, i: number): Promise<INodeExecutionData[]> {
	const connection = await veriff.connect(this, i);
	const body = await veriff.getJson<VeriffAttemptList>(
		this,
		connection,
		`/sessions/${encodeURIComponent(plan.sessionId)}/attempts`,
		i,
		`Listing attempts of session ${plan.sessionId}`,
		plan.verifySignature,
	);
	if (plan.raw) return [{ json: body as IDataObject }];
	// Newest first, as Veriff sends them.
	return (body.verifications ?? []).map((attempt) => ({
		json: {
			sessionId: plan.sessionId,
			attemptId: attempt.id,
			status: attempt.status ?? null,
			createdTime: attempt.createdTime ?? null,
			...(attempt.userDefinedData !== undefined ? { userDefinedData: attempt.userDefinedData as IDataObject } : {}),
		},
	}));
}

export const listAttempts: Operation<Plan> = { description, prepare, execute };
