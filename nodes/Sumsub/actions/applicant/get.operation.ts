// Sumsub → Get Applicant: by applicant id or by external user id.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { reliabilityOptionFields, optionsCollection } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { LONE_SURROGATE, getIdParameter } from '../../../shared/fields/ids';
import { sumsub } from '../../transport';

const show = { resource: ['applicant'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'lookupBy',
		type: 'options',
		default: 'applicantId',
		options: [
			{ name: 'Applicant ID', value: 'applicantId', description: 'Sumsub\'s own ID of the applicant' },
			{ name: 'External User ID', value: 'externalUserId', description: 'The user ID your system gave Sumsub' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Applicant ID',
		name: 'applicantId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5cb56e8e0a975a35f333cb83',
		description: 'Sumsub\'s applicant ID (24 hexadecimal characters)',
		displayOptions: { show: { ...show, lookupBy: ['applicantId'] } },
	},
	{
		displayName: 'External User ID',
		name: 'externalUserId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. customer-1001',
		description: 'The external user ID your system used when creating the applicant',
		displayOptions: { show: { ...show, lookupBy: ['externalUserId'] } },
	},
	optionsCollection(show, [...reliabilityOptionFields]),
];

interface Plan {
	path: string;
	label: string;
}

async function prepare(this: IExecuteFunctions, i: number): Promise<Plan> {
	if (this.getNodeParameter('lookupBy', i, 'applicantId') === 'externalUserId') {
		const raw = this.getNodeParameter('externalUserId', i, '') as unknown;
		const externalUserId = typeof raw === 'number' ? String(raw) : raw;
		if (typeof externalUserId !== 'string' || externalUserId.trim() === '' || /[\u0000-\u001f\u007f]/.test(externalUserId)) {
			throw new NodeOperationError(this.getNode(), `External User ID is empty or contains control characters (item ${i})`, {
				itemIndex: i,
				description: 'Set "External User ID" to the user ID your system gave Sumsub.',
			});
		}
		if (LONE_SURROGATE.test(externalUserId)) {
			throw new NodeOperationError(this.getNode(), `External User ID contains a broken character (item ${i})`, {
				itemIndex: i,
				description: 'The text holds half of a UTF-16 surrogate pair, which cannot be sent in a URL. Check the node that produced it.',
			});
		}
		// Any character is allowed in an external user id; it is percent-encoded into the path.
		return {
			path: `/resources/applicants/-;externalUserId=${encodeURIComponent(externalUserId)}/one`,
			label: `with external user ID ${externalUserId}`,
		};
	}
	const applicantId = getIdParameter(this, 'applicantId', 'Applicant ID', i, 'hexObjectId');
	return { path: `/resources/applicants/${encodeURIComponent(applicantId)}/one`, label: applicantId };
}

async function execute(this: IExecuteFunctions, plan: Plan, i: number): Promise<INodeExecutionData[]> {
	const connection = await sumsub.connect(this, i);
	const applicant = await sumsub.getJson<IDataObject>(this, connection, plan.path, i, `Getting Sumsub applicant ${plan.label}`);
	return [{ json: applicant }];
}

export const get: Operation<Plan> = { description, prepare, execute };
