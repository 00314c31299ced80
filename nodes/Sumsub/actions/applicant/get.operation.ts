// Sumsub → Get Applicant: by applicant id or by external user id.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection, reliabilityOptionFields } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { sumsub } from '../../transport';
import { applicantLookupFields, getApplicant, readApplicantLookup } from './lookup';
import type { ApplicantLookup } from './lookup';

const show = { resource: ['applicant'], operation: ['get'] };

export const description: INodeProperties[] = [
	...applicantLookupFields(show),
	optionsCollection(show, [...reliabilityOptionFields]),
];

async function prepare(this: IExecuteFunctions, i: number): Promise<ApplicantLookup> {
	return readApplicantLookup(this, i);
}

async function execute(this: IExecuteFunctions, lookup: ApplicantLookup, i: number): Promise<INodeExecutionData[]> {
	const connection = await sumsub.connect(this, i);
	return [{ json: await getApplicant(this, connection, lookup, i) }];
}

export const get: Operation<ApplicantLookup> = { description, prepare, execute };
