// Veriff → List Session Media: the files of a session (latest, all or one attempt), one item per file, filtered.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { reliabilityOptionFields, optionsCollection } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { getIdParameter, parsePropertyList } from '../../../shared/fields/ids';
import { veriff } from '../../transport';
import type { VeriffAttemptList } from '../session/attempts';
import { sessionIdField, verifySignatureField } from '../session/fields';
import { filterMedia, normalizeMediaList } from './media';
import type { MediaFilter, MediaKind, VeriffMediaList } from './media';

const show = { resource: ['media'], operation: ['listSessionMedia'] };

export const description: INodeProperties[] = [
	{ ...sessionIdField, displayOptions: { show } },
	{
		displayName: 'Attempt',
		name: 'attempt',
		type: 'options',
		default: 'latest',
		options: [
			{ name: 'Latest Attempt', value: 'latest', description: 'Media of the most recent attempt (one request)' },
			{ name: 'All Attempts', value: 'all', description: 'Lists the attempts, then the media of each; every file carries its attemptId' },
			{ name: 'Specific Attempt', value: 'specific', description: 'Media of one attempt by its ID' },
		],
		description: 'Veriff keeps the media of each attempt of a session separately',
		displayOptions: { show },
	},
	{
		displayName: 'Attempt ID',
		name: 'attemptId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. f5c68aea-7f4d-478d-80ab-ca9356074f69',
		description: 'The attempt (a UUID), as returned by List Attempts',
		displayOptions: { show: { ...show, attempt: ['specific'] } },
	},
	{
		displayName: 'Media Types',
		name: 'mediaTypes',
		type: 'multiOptions',
		default: ['image', 'video', 'nfcDocument'],
		options: [
			{ name: 'Images', value: 'image' },
			{ name: 'Videos', value: 'video' },
			{ name: 'NFC Documents', value: 'nfcDocument' },
		],
		description: 'Which kinds of files to return',
		displayOptions: { show },
	},
	{
		displayName: 'Captures',
		name: 'captures',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Final Captures Only', value: 'final', description: 'Leaves out first captures (contexts with "-pre")' },
			{ name: 'First Captures Only', value: 'first', description: 'Only contexts with "-pre"' },
		],
		description: 'Veriff marks first captures with "-pre" in the context (e.g. document-front-pre); the final capture has no suffix. NFC data has no first or final capture and is kept unless NFC Documents is left out of Media Types.',
		displayOptions: { show },
	},
	optionsCollection(show, [
		{
			displayName: 'Only These Contexts',
			name: 'contexts',
			type: 'string',
			default: '',
			placeholder: 'e.g. document-front, document-back, face',
			description: 'Comma-separated list of contexts to keep; empty keeps every context',
		},
		{
			displayName: 'Raw Response',
			name: 'rawResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to return Veriff\'s response unchanged (one item per attempt) instead of one item per file',
		},
		{
			displayName: 'Document Type (for Unit21)',
			name: 'documentType',
			type: 'options',
			default: 'fromItem',
			options: [
				{ name: 'Driver\'s License', value: 'DRIVERS_LICENSE' },
				{
					name: 'From the Item (Get Decision)',
					value: 'fromItem',
					description: 'The verification.document.type of the input item, e.g. from Get Decision; an ID card when the item has none',
				},
				{ name: 'ID Card', value: 'ID_CARD' },
				{ name: 'Passport', value: 'PASSPORT' },
				{ name: 'Residence Permit', value: 'RESIDENCE_PERMIT' },
			],
			description:
				'Which document the session photographed. Veriff\'s contexts only say front or back, so this picks the Unit21 media type (unit21MediaType) of document photos, e.g. IMAGE_PASSPORT_FRONT.',
		},
		...reliabilityOptionFields,
		verifySignatureField,
	]),
];

interface Plan {
	sessionId: string;
	attempt: 'latest' | 'all' | 'specific';
	attemptId?: string;
	filter: MediaFilter;
	raw: boolean;
	verifySignature: boolean;
	documentType?: string;
}

async function prepare(this: IExecuteFunctions, i: number): Promise<Plan> {
	const sessionId = getIdParameter(this, 'sessionId', 'Session ID', i, 'uuid');
	const attempt = this.getNodeParameter('attempt', i, 'latest') as Plan['attempt'];
	const attemptId = attempt === 'specific' ? getIdParameter(this, 'attemptId', 'Attempt ID', i, 'uuid') : undefined;
	const types = this.getNodeParameter('mediaTypes', i, []) as MediaKind[];
	if (types.length === 0) {
		throw new NodeOperationError(this.getNode(), `Media Types is empty (item ${i})`, {
			itemIndex: i,
			description: 'Choose at least one of Images, Videos or NFC Documents.',
		});
	}
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return {
		sessionId,
		attempt,
		attemptId,
		filter: {
			types,
			captures: this.getNodeParameter('captures', i, 'all') as MediaFilter['captures'],
			contexts: parsePropertyList(String(options.contexts ?? '')),
		},
		raw: options.rawResponse === true,
		verifySignature: options.verifyResponseSignature !== false,
		documentType: documentTypeOf(this, i, options.documentType),
	};
}

/** The session's document type: chosen by the user, or read from a Get Decision item. */
function documentTypeOf(ctx: IExecuteFunctions, i: number, chosen: unknown): string | undefined {
	if (typeof chosen === 'string' && chosen !== '' && chosen !== 'fromItem') return chosen;
	const verification = ctx.getInputData()[i].json.verification as IDataObject | null | undefined;
	const document = verification?.document as IDataObject | null | undefined;
	return typeof document?.type === 'string' ? document.type : undefined;
}

async function execute(this: IExecuteFunctions, plan: Plan, i: number): Promise<INodeExecutionData[]> {
	const connection = await veriff.connect(this, i);
	const session = encodeURIComponent(plan.sessionId);
	const get = async <T>(path: string, what: string) =>
		await veriff.getJson<T>(this, connection, path, i, what, plan.verifySignature);

	// [attemptId or undefined for "latest", Veriff's response]
	const lists: Array<[string | undefined, VeriffMediaList]> = [];
	if (plan.attempt === 'latest') {
		lists.push([undefined, await get<VeriffMediaList>(`/sessions/${session}/media`, `Listing media of session ${plan.sessionId}`)]);
	} else {
		let attemptIds = plan.attemptId ? [plan.attemptId] : [];
		if (plan.attempt === 'all') {
			const attempts = await get<VeriffAttemptList>(`/sessions/${session}/attempts`, `Listing attempts of session ${plan.sessionId}`);
			attemptIds = (attempts.verifications ?? []).map((attempt) => attempt.id);
		}
		for (const attemptId of attemptIds) {
			const list = await get<VeriffMediaList>(
				`/attempts/${encodeURIComponent(attemptId)}/media`,
				`Listing media of attempt ${attemptId}`,
			);
			lists.push([attemptId, list]);
		}
	}

	if (plan.raw) {
		return lists.map(([attemptId, list]) => ({
			json: attemptId ? { attemptId, ...(list as IDataObject) } : (list as IDataObject),
		}));
	}
	return lists
		.flatMap(([attemptId, list]) => filterMedia(normalizeMediaList(list, plan.sessionId, attemptId, plan.documentType), plan.filter))
		.map((json) => ({ json }));
}

export const listSessionMedia: Operation<Plan> = { description, prepare, execute };
