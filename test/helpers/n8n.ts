/**
 * Runs one of our nodes the way n8n does: a real Workflow (n8n-workflow) executed by
 * n8n-core's WorkflowExecute, so parameters, expressions, getCredentials, the HTTP helpers
 * (httpRequestWithAuthentication → the credential's authenticate → axios) and the binary
 * data store are n8n's own. The only stand-in is the credentials store, which hands over
 * decrypted credential data the way n8n's CredentialsHelper does after decryption.
 */
import { Container } from '@n8n/di';
import { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { SumsubApi } from '../../credentials/SumsubApi.credentials';
import { Unit21Api } from '../../credentials/Unit21Api.credentials';
import { VeriffApi } from '../../credentials/VeriffApi.credentials';

const credentialTypes: Record<string, ICredentialType> = {
	veriffApi: new VeriffApi(),
	sumsubApi: new SumsubApi(),
	unit21Api: new Unit21Api(),
};

/** Hands over decrypted test credentials (exported for the webhook trigger tests). */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		if (typeof type.authenticate !== 'function') throw new Error(`${typeName} has no authenticate function`);
		return await type.authenticate(credentials, requestOptions);
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	getCredentialsProperties() {
		return [];
	}
	/** How often n8n was asked to load and decrypt a credential (in n8n: a database read each time). */
	static decryptedReads = 0;
	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		TestCredentialsHelper.decryptedReads++;
		if (!this.data[type]) throw new Error(`No test credentials of type ${type}`);
		return { ...this.data[type] };
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	isCredentialUsableByNode() {
		return true;
	}
}

let binaryReady: Promise<void> | undefined;
export async function ensureBinaryStore(): Promise<BinaryDataService> {
	const service = Container.get(BinaryDataService);
	binaryReady ??= service.init();
	await binaryReady;
	return service;
}

export interface RunNodeOptions {
	nodeType: INodeType;
	typeName: string;
	parameters: INode['parameters'];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	input?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Aborts the execution after this many ms (to test cancellation). */
	cancelAfterMs?: number;
}

export interface RunNodeResult {
	items: INodeExecutionData[];
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run: IRun;
	/** The execution's id (its binary data lives under workflows/test-workflow/executions/<id>). */
	executionId: string;
}

/** The instance URLs n8n puts into every execution's additional data. */
export const TEST_INSTANCE = {
	restApiUrl: 'http://localhost:5678/rest',
	webhookBaseUrl: 'http://localhost:5678/webhook',
	webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
	webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
	formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
	variables: {},
};

let executionCounter = 0;

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	await ensureBinaryStore();
	const nodeName = 'Node under test';
	const node: INode = {
		id: 'node-under-test',
		name: nodeName,
		type: options.typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((type) => [type, { id: `${type}-id`, name: `Test ${type}` }]),
		),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const nodeTypes: INodeTypes = {
		getByName: () => options.nodeType,
		getByNameAndVersion: () => options.nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: {},
	});
	const executionId = `test-execution-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: 'test-workflow',
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		active: false,
		settings: {},
	} as never);
	let finished!: (run: IRun) => void;
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));
	const additionalData = {} as IWorkflowExecuteAdditionalData;
	Object.assign(additionalData, {
		hooks,
		executionId,
		currentNodeParameters: undefined,
		...TEST_INSTANCE,
	});
	additionalData.credentialsHelper = new TestCredentialsHelper(options.credentials);

	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node, data: { main: [options.input ?? [{ json: {} }]] }, source: null },
			],
		},
	} as unknown as IRunExecutionData;

	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const execution = workflowExecute.processRunExecutionData(workflow);
	if (options.cancelAfterMs !== undefined) {
		setTimeout(() => execution.cancel(), options.cancelAfterMs);
	}
	await execution.catch(() => undefined);
	const run = await done;
	const taskData = run.data.resultData.runData[nodeName]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: (taskData?.error ?? run.data.resultData.error) as RunNodeResult['error'],
		run,
		executionId,
	};
}

/** The bytes of a binary property, read back from n8n's binary data store. */
export async function binaryBytes(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	const service = await ensureBinaryStore();
	const binary = item.binary?.[property];
	if (!binary) throw new Error(`item has no binary property ${property}`);
	return await service.getAsBuffer(binary);
}
