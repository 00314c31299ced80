/** Building blocks of the integration tests: the per-vendor node runner, parameter sets, binaries and secret checks. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { IBinaryData, IDataObject, INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import { Sumsub } from '../../nodes/Sumsub/Sumsub.node';
import { Unit21 } from '../../nodes/Unit21/Unit21.node';
import { Veriff } from '../../nodes/Veriff/Veriff.node';
import { ensureBinaryStore, runNode } from './n8n';
import type { RunNodeOptions, RunNodeResult } from './n8n';
import { expectNoSecrets as expectNoSecretsIn } from './assertions';
import { DEMO } from './simulators';

export { sha256 } from './assertions';

// ---------------------------------------------------------------------------------------
// Credentials pointing at a simulator
// ---------------------------------------------------------------------------------------

const veriffCreds = (sim: { url: string }, extra: IDataObject = {}) => ({
	veriffApi: { ...DEMO.credentials.veriff, baseUrl: sim.url, ...extra },
});
const sumsubCreds = (sim: { url: string }, extra: IDataObject = {}) => ({
	sumsubApi: { ...DEMO.credentials.sumsub, baseUrl: sim.url, ...extra },
});
const unit21Creds = (sim: { url: string }, extra: IDataObject = {}) => ({
	unit21Api: {
		apiKey: DEMO.credentials.unit21.apiKey,
		orgName: DEMO.credentials.unit21.orgName,
		webhookSecret: DEMO.credentials.unit21.webhookSecret,
		environment: 'custom',
		baseUrl: sim.url,
		...extra,
	},
});

// ---------------------------------------------------------------------------------------
// Running the three action nodes against their simulators
// ---------------------------------------------------------------------------------------

export type Vendor = 'veriff' | 'sumsub' | 'unit21';

interface VendorNode {
	create: () => INodeType;
	typeName: string;
	credentials: (sim: { url: string }, extra?: IDataObject) => RunNodeOptions['credentials'];
}
const NODES: Record<Vendor, VendorNode> = {
	veriff: { create: () => new Veriff(), typeName: 'n8n-nodes-kyc-media.veriff', credentials: veriffCreds },
	sumsub: { create: () => new Sumsub(), typeName: 'n8n-nodes-kyc-media.sumsub', credentials: sumsubCreds },
	unit21: { create: () => new Unit21(), typeName: 'n8n-nodes-kyc-media.unit21', credentials: unit21Creds },
};

/** What a run may set besides the parameters (all optional). */
export interface RunOptions {
	/** The node's input items (default: one empty item). */
	input?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Fields replacing those of the demo credential that points at the simulator (a wrong key, another Base URL). */
	credentials?: IDataObject;
	/** Aborts the execution after this many ms. */
	cancelAfterMs?: number;
}

export interface NodeRunner {
	/** Runs the node once and returns what n8n-core produced (items, or the error). */
	run(parameters: IDataObject, options?: RunOptions): Promise<RunNodeResult>;
	/** Runs the node and fails the test with the node's error when it failed; returns the items. */
	runOk(parameters: IDataObject, options?: RunOptions): Promise<INodeExecutionData[]>;
}

/**
 * The action node of `vendor`, run through real n8n-core (`runNode`) against a simulator with
 * the demo credentials pointing at it. `sim` is read at each run, so it may be started in a
 * beforeAll. With `noSecrets`, every run also asserts that no secret shows in its items or error.
 */
export function nodeRunner(vendor: Vendor, sim: () => { url: string }, checks: { noSecrets?: boolean } = {}): NodeRunner {
	const { create, typeName, credentials } = NODES[vendor];
	const run = async (parameters: IDataObject, options: RunOptions = {}): Promise<RunNodeResult> => {
		const result = await runNode({
			nodeType: create(),
			typeName,
			parameters: parameters as INode['parameters'],
			credentials: credentials(sim(), options.credentials),
			input: options.input,
			continueOnFail: options.continueOnFail,
			cancelAfterMs: options.cancelAfterMs,
		});
		if (checks.noSecrets) expectNoSecrets(result);
		return result;
	};
	const runOk = async (parameters: IDataObject, options?: RunOptions): Promise<INodeExecutionData[]> => {
		const result = await run(parameters, options);
		if (result.error) throw new Error(`node failed: ${result.error.message} — ${result.error.description ?? ''}`);
		return result.items;
	};
	return { run, runOk };
}

/** Full parameter sets of each operation (every parameter the operation reads). */
export const params = {
	veriffList: (sessionId: string, options: IDataObject = {}): IDataObject => ({
		resource: 'media',
		operation: 'listSessionMedia',
		sessionId,
		attempt: 'latest',
		mediaTypes: ['image', 'video', 'nfcDocument'],
		captures: 'all',
		options,
	}),
	veriffListAttempt: (sessionId: string, attemptId: string, options: IDataObject = {}): IDataObject => ({
		resource: 'media',
		operation: 'listSessionMedia',
		sessionId,
		attempt: 'specific',
		attemptId,
		mediaTypes: ['image', 'video', 'nfcDocument'],
		captures: 'all',
		options,
	}),
	veriffDownload: (mediaId: string, options: IDataObject = {}, binaryPropertyName = 'data'): IDataObject => ({
		resource: 'media',
		operation: 'download',
		mediaId,
		binaryPropertyName,
		options,
	}),
	veriffAttempts: (sessionId: string, options: IDataObject = {}): IDataObject => ({
		resource: 'session',
		operation: 'listAttempts',
		sessionId,
		options,
	}),
	veriffDecision: (sessionId: string, options: IDataObject = {}): IDataObject => ({
		resource: 'session',
		operation: 'getDecision',
		sessionId,
		options,
	}),
	sumsubVideoCall: (inspectionId: string, options: IDataObject = {}): IDataObject => ({
		resource: 'videoIdent',
		operation: 'getVideoCallData',
		inspectionId,
		output: 'single',
		options,
	}),
	sumsubVideoCallPer: (inspectionId: string, applicantId: string, options: IDataObject = {}): IDataObject => ({
		resource: 'videoIdent',
		operation: 'getVideoCallData',
		inspectionId,
		output: 'perComposition',
		applicantId,
		options,
	}),
	sumsubRecording: (applicantId: string, compositionMediaId: string, options: IDataObject = {}): IDataObject => ({
		resource: 'videoIdent',
		operation: 'downloadRecording',
		applicantId,
		compositionMediaId,
		binaryPropertyName: 'data',
		options,
	}),
	sumsubApplicant: (applicantId: string, options: IDataObject = {}): IDataObject => ({
		resource: 'applicant',
		operation: 'get',
		lookupBy: 'applicantId',
		applicantId,
		options,
	}),
	sumsubApplicantByExternal: (externalUserId: string, options: IDataObject = {}): IDataObject => ({
		resource: 'applicant',
		operation: 'get',
		lookupBy: 'externalUserId',
		externalUserId,
		options,
	}),
	sumsubDocuments: (applicantId: string, more: IDataObject = {}): IDataObject => ({
		resource: 'document',
		operation: 'list',
		lookupBy: 'applicantId',
		applicantId,
		documentTypes: [],
		onlyActive: true,
		onlyAccepted: false,
		options: {},
		...more,
	}),
	sumsubDocumentsByExternal: (externalUserId: string, more: IDataObject = {}): IDataObject => ({
		resource: 'document',
		operation: 'list',
		lookupBy: 'externalUserId',
		externalUserId,
		documentTypes: [],
		onlyActive: true,
		onlyAccepted: false,
		options: {},
		...more,
	}),
	sumsubDownloadImage: (applicantId: string, imageId: string, options: IDataObject = {}, binaryPropertyName = 'data'): IDataObject => ({
		resource: 'document',
		operation: 'downloadImage',
		applicantId,
		imageId,
		binaryPropertyName,
		options,
	}),
	sumsubReviewStatus: (applicantId: string, options: IDataObject = {}): IDataObject => ({
		resource: 'applicant',
		operation: 'getReviewStatus',
		applicantId,
		options,
	}),
	sumsubSteps: (applicantId: string, output: 'perStep' | 'single' = 'perStep', options: IDataObject = {}): IDataObject => ({
		resource: 'applicant',
		operation: 'getVerificationSteps',
		applicantId,
		output,
		options,
	}),
	unit21: (
		resource: 'entity' | 'event' | 'alert' | 'case',
		objectId: string,
		more: { binaryPropertyName?: string; mediaType?: string; customMediaType?: string; options?: IDataObject } = {},
	): IDataObject => ({
		resource,
		operation: 'addMedia',
		[{ entity: 'entityId', event: 'eventId', alert: 'alertId', case: 'caseId' }[resource]]: objectId,
		binaryPropertyName: more.binaryPropertyName ?? 'data',
		mediaType: more.mediaType ?? 'none',
		...(more.customMediaType !== undefined ? { customMediaType: more.customMediaType } : {}),
		options: more.options ?? {},
	}),
	unit21GetEntity: (entityId: string, options: IDataObject = {}): IDataObject => ({
		resource: 'entity',
		operation: 'get',
		entityId,
		options,
	}),
	unit21UpsertEntity: (
		entityId: string,
		more: { entityType?: 'user' | 'business'; customData?: string | IDataObject; options?: IDataObject } = {},
	): IDataObject => ({
		resource: 'entity',
		operation: 'upsert',
		entityId,
		entityType: more.entityType ?? 'user',
		customData: more.customData ?? '{}',
		options: more.options ?? {},
	}),
};

// ---------------------------------------------------------------------------------------
// Binaries
// ---------------------------------------------------------------------------------------

let seedCounter = 0;

/** Puts bytes into n8n's filesystem binary store (as an earlier node of a workflow would). */
export async function storeBinary(bytes: Buffer, fileName: string, mimeType: string): Promise<IBinaryData> {
	const service = await ensureBinaryStore();
	return await service.store(
		{ type: 'execution', workflowId: 'test-workflow', executionId: `seed-${++seedCounter}` },
		bytes,
		{ data: '', mimeType, fileName } as IBinaryData,
	);
}

/** A binary held in memory (base64 in the item, no id), as small binaries are in "default" mode. */
export function inMemoryBinary(bytes: Buffer, fileName: string, mimeType: string): IBinaryData {
	return { data: bytes.toString('base64'), mimeType, fileName };
}

/** Every file the binary store holds for an execution (empty when none). */
export function binaryFilesOfExecution(executionId: string): string[] {
	const root = process.env.N8N_BINARY_DATA_STORAGE_PATH!;
	const dir = join(root, 'workflows', 'test-workflow', 'executions', executionId);
	const out: string[] = [];
	const walk = (d: string) => {
		if (!existsSync(d)) return;
		for (const name of readdirSync(d)) {
			const p = join(d, name);
			if (statSync(p).isDirectory()) walk(p);
			else out.push(p);
		}
	};
	walk(dir);
	return out;
}

// ---------------------------------------------------------------------------------------
// Secret hygiene
// ---------------------------------------------------------------------------------------

/** Asserts that no secret (and none of `extra`, e.g. computed signatures) is visible in a run. */
export function expectNoSecrets(result: { items?: INodeExecutionData[]; error?: unknown }, extra: string[] = []): void {
	expectNoSecretsIn([result.items ?? [], result.error], extra);
}

/** Header values that authenticate requests (signatures, keys) as the simulators received them. */
export function credentialsSentTo(...sims: Array<{ requests: Array<{ headers: Record<string, unknown> }> }>): string[] {
	const names = ['x-hmac-signature', 'x-auth-client', 'x-app-token', 'x-app-access-sig', 'u21-key'];
	return sims.flatMap((sim) =>
		sim.requests.flatMap((request) => names.map((name) => request.headers[name]).filter((v): v is string => typeof v === 'string')),
	);
}

/** The message/description of a run's error, or of its first error item. */
export function errorText(result: RunNodeResult): string {
	if (result.error) return `${result.error.message}\n${result.error.description ?? ''}`;
	const item = result.items.find((i) => i.json.error !== undefined);
	return item ? `${String(item.json.error)}\n${String(item.json.errorDescription ?? '')}` : '';
}
