// Veriff → Get Decision: the decision of a session.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { reliabilityOptionFields, optionsCollection } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { getIdParameter } from '../../../shared/fields/ids';
import { veriff } from '../../transport';
import { sessionIdField, verifySignatureField } from './fields';

const show = { resource: ['session'], operation: ['getDecision'] };

export const description: INodeProperties[] = [
	{ ...sessionIdField, displayOptions: { show } },
	optionsCollection(show, [...reliabilityOptionFields, verifySignatureField]),
];

interface Plan {
	sessionId: string;
	verifySignature: boolean;
}

async function prepare(this: IExecuteFunctions, i: number): Promise<Plan> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return {
		sessionId: getIdParameter(this, 'sessionId', 'Session ID', i, 'uuid'),
		verifySignature: options.verifyResponseSignature !== false,
	};
}

async function execute(this: IExecuteFunctions, plan: Plan, i: number): Promise<INodeExecutionData[]> {
	const connection = await veriff.connect(this, i);
	const body = await veriff.getJson<IDataObject>(
		this,
		connection,
		`/sessions/${encodeURIComponent(plan.sessionId)}/decision`,
		i,
		`Getting the decision of session ${plan.sessionId}`,
		plan.verifySignature,
	);
	// `verification` is null until the session is decided; keep Veriff's shape and add the id.
	return [{ json: { sessionId: plan.sessionId, ...body } }];
}

export const getDecision: Operation<Plan> = { description, prepare, execute };
