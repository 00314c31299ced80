// Finding a Sumsub applicant by its applicant id or by the external user id your system gave it.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LONE_SURROGATE, getIdParameter, hasControlCharacter } from '../../../shared/fields/ids';
import type { VendorConnection } from '../../../shared/transport/vendorClient';
import { sumsub } from '../../transport';

/** "Find By" and its two id fields, shown for the operations in `show`. */
export function applicantLookupFields(show: Record<string, string[]>): INodeProperties[] {
	return [
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
	];
}

/** An applicant as the user named it: its id, or the path that finds it by external user id. */
export interface ApplicantLookup {
	applicantId?: string;
	/** GET path of the applicant itself (`…/one`). */
	path: string;
	/** How the applicant is named in messages. */
	label: string;
}

/** Reads and checks "Find By" and its id field; sends nothing. */
export function readApplicantLookup(ctx: IExecuteFunctions, i: number): ApplicantLookup {
	if (ctx.getNodeParameter('lookupBy', i, 'applicantId') === 'externalUserId') {
		const raw = ctx.getNodeParameter('externalUserId', i, '') as unknown;
		const externalUserId = typeof raw === 'number' ? String(raw) : raw;
		if (typeof externalUserId !== 'string' || externalUserId.trim() === '' || hasControlCharacter(externalUserId)) {
			throw new NodeOperationError(ctx.getNode(), `External User ID is empty or contains control characters (item ${i})`, {
				itemIndex: i,
				description: 'Set "External User ID" to the user ID your system gave Sumsub.',
			});
		}
		if (LONE_SURROGATE.test(externalUserId)) {
			throw new NodeOperationError(ctx.getNode(), `External User ID contains a broken character (item ${i})`, {
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
	const applicantId = getIdParameter(ctx, 'applicantId', 'Applicant ID', i, 'hexObjectId');
	return { applicantId, path: `/resources/applicants/${encodeURIComponent(applicantId)}/one`, label: applicantId };
}

/** The applicant's data (GET …/one). */
export async function getApplicant(
	ctx: IExecuteFunctions,
	connection: VendorConnection,
	lookup: ApplicantLookup,
	i: number,
): Promise<IDataObject> {
	return await sumsub.getJson<IDataObject>(ctx, connection, lookup.path, i, `Getting Sumsub applicant ${lookup.label}`);
}

/** The applicant id: as given, or looked up by external user id. */
export async function resolveApplicantId(
	ctx: IExecuteFunctions,
	connection: VendorConnection,
	lookup: ApplicantLookup,
	i: number,
): Promise<string> {
	if (lookup.applicantId) return lookup.applicantId;
	const applicant = await getApplicant(ctx, connection, lookup, i);
	if (typeof applicant.id !== 'string' || applicant.id === '') {
		throw new NodeOperationError(ctx.getNode(), `Sumsub answered without an id for the applicant ${lookup.label} (item ${i})`, { itemIndex: i });
	}
	return applicant.id;
}

/** The Applicant ID field of operations that take one applicant (default: the item's applicantId). */
export function applicantIdField(show: Record<string, string[]>, description: string): INodeProperties {
	return {
		displayName: 'Applicant ID',
		name: 'applicantId',
		type: 'string',
		required: true,
		default: '={{ $json.applicantId }}',
		placeholder: 'e.g. 5cb56e8e0a975a35f333cb83',
		description,
		displayOptions: { show },
	};
}
