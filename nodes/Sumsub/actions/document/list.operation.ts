// Sumsub → List Documents: an applicant's document images, one item per image, with the Unit21 media type of each.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { mediaTypeOverridesField, readMediaTypeOverrides } from '../../../shared/evidence/unit21MediaTypes';
import type { MediaTypeOverrides } from '../../../shared/evidence/unit21MediaTypes';
import { optionsCollection, reliabilityOptionFields } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { sumsub } from '../../transport';
import { applicantLookupFields, readApplicantLookup, resolveApplicantId } from '../applicant/lookup';
import type { ApplicantLookup } from '../applicant/lookup';
import { documentItem, filterDocuments } from './documentItems';
import type { DocumentFilter, SumsubImageMetadata } from './documentItems';

const show = { resource: ['document'], operation: ['list'] };

const DOCUMENT_TYPES = [
	['Passport', 'PASSPORT'],
	['ID Card', 'ID_CARD'],
	['Driver\'s License', 'DRIVERS'],
	['Residence Permit', 'RESIDENCE_PERMIT'],
	['Selfie', 'SELFIE'],
	['Video Selfie', 'VIDEO_SELFIE'],
	['Profile Image', 'PROFILE_IMAGE'],
	['Utility Bill (Proof of Address)', 'UTILITY_BILL'],
	['Bank Statement', 'BANK_STATEMENT'],
	['Other', 'OTHER'],
].map(([name, value]) => ({ name, value }));

export const description: INodeProperties[] = [
	...applicantLookupFields(show),
	{
		displayName: 'Document Types',
		name: 'documentTypes',
		type: 'multiOptions',
		default: [],
		options: DOCUMENT_TYPES,
		description: 'Only images of these document types; none selected keeps every type (also types not listed here)',
		displayOptions: { show },
	},
	{
		displayName: 'Only Active Images',
		name: 'onlyActive',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out images marked inactive (deactivated: not used for the verification, e.g. after a reset)',
		displayOptions: { show },
	},
	{
		displayName: 'Only Accepted Images',
		name: 'onlyAccepted',
		type: 'boolean',
		default: false,
		description: 'Whether to keep only images whose own review answer is GREEN (rejected or unreviewed images are left out)',
		displayOptions: { show },
	},
	optionsCollection(show, [
		{
			displayName: 'Raw Response',
			name: 'rawResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to return Sumsub\'s response unchanged as one item instead of one item per image',
		},
		{
			displayName: 'Sources',
			name: 'sources',
			type: 'multiOptions',
			default: [],
			options: [
				{ name: 'Document Capture', value: 'docapture' },
				{ name: 'External Database', value: 'externaldb' },
				{ name: 'File Upload', value: 'fileupload' },
				{ name: 'Liveness', value: 'liveness' },
				{ name: 'NFC', value: 'nfc' },
				{ name: 'Video Ident', value: 'videoident' },
			],
			description: 'Only images from these sources; none selected keeps every source',
		},
		mediaTypeOverridesField,
		...reliabilityOptionFields,
	]),
];

interface Plan {
	lookup: ApplicantLookup;
	filter: DocumentFilter;
	overrides: MediaTypeOverrides;
	raw: boolean;
}

async function prepare(this: IExecuteFunctions, i: number): Promise<Plan> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return {
		lookup: readApplicantLookup(this, i),
		filter: {
			documentTypes: this.getNodeParameter('documentTypes', i, []) as string[],
			sources: ((options.sources as string[] | undefined) ?? []).map((source) => source.toLowerCase()),
			onlyActive: this.getNodeParameter('onlyActive', i, true) as boolean,
			onlyAccepted: this.getNodeParameter('onlyAccepted', i, false) as boolean,
		},
		overrides: readMediaTypeOverrides(this, options.mediaTypeOverrides, i),
		raw: options.rawResponse === true,
	};
}

async function execute(this: IExecuteFunctions, plan: Plan, i: number): Promise<INodeExecutionData[]> {
	const connection = await sumsub.connect(this, i);
	const applicantId = await resolveApplicantId(this, connection, plan.lookup, i);
	const body = await sumsub.getJson<{ items?: SumsubImageMetadata[]; totalItems?: number }>(
		this,
		connection,
		`/resources/applicants/${encodeURIComponent(applicantId)}/metadata/resources`,
		i,
		`Listing the document images of Sumsub applicant ${plan.lookup.label}`,
	);
	if (plan.raw) return [{ json: { applicantId, ...(body as IDataObject) } }];
	const items = (body.items ?? []).map((image) => documentItem(image, applicantId, plan.overrides));
	return filterDocuments(items, plan.filter).map((json) => ({ json }));
}

export const list: Operation<Plan> = { description, prepare, execute };
