/**
 * Serves a trigger node's `webhook()` over real HTTP, the way n8n's webhook server does:
 * per request the raw body is read and kept as `req.rawBody` (n8n's body parser does the
 * same), `req.body` is the parsed JSON, and n8n-core's own WebhookContext is built with the
 * request/response in `additionalData.httpRequest` / `httpResponse`. The node's webhook()
 * then runs with n8n's real parameter resolution, credentials access and workflow static
 * data. The workflow's static data is kept the way n8n 2.41.1 keeps it for a production webhook
 * (live-webhooks.js executeWebhook): loaded from the "database" (here a JSON string that lives as
 * long as the server) into a new Workflow for every request, and saved only if it changed by the
 * time n8n answers - which, when n8n itself answers a delivery that starts the workflow, comes
 * after the start has built a second Workflow on the same static data and so reset its "changed"
 * flag (webhook-helpers.js → WorkflowRunner.run → establishContextForPersistence).
 * Express is not installed here, so the few express methods the nodes
 * use (`req.header()`, `res.status().json().end()`, `res.send()`) are added to Node's own
 * request/response objects.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TEST_INSTANCE, TestCredentialsHelper } from './n8n';

export interface TriggerServerOptions {
	nodeType: INodeType;
	typeName: string;
	parameters: INode['parameters'];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** 'webhook' (a production URL, the default) or 'manual' (the editor's test URL). */
	mode?: 'webhook' | 'manual';
}

export interface Delivery {
	status: number;
	body: string;
}

export interface TriggerServer {
	url: string;
	/** workflowData of every delivery that started the workflow, in order. */
	started: INodeExecutionData[][][];
	/** The workflow's static data as saved in the "database" after the last delivery ({} before any save). */
	readonly staticData: IDataObject;
	/** POST raw bytes with headers; resolves with the HTTP answer. */
	post(body: string | Buffer, headers: Record<string, string>): Promise<Delivery>;
	close(): Promise<void>;
}

type ExpressishRequest = IncomingMessage & {
	rawBody?: Buffer;
	body?: unknown;
	query: Record<string, string>;
	params: Record<string, string>;
	header(name: string): string | undefined;
	get(name: string): string | undefined;
};

type ExpressishResponse = ServerResponse & {
	status(code: number): ExpressishResponse;
	json(value: unknown): ExpressishResponse;
	send(value: unknown): ExpressishResponse;
};

function expressRequest(req: IncomingMessage, raw: Buffer): ExpressishRequest {
	const r = req as ExpressishRequest;
	const header = (name: string) => {
		const value = req.headers[name.toLowerCase()];
		return Array.isArray(value) ? value.join(', ') : value;
	};
	r.header = header;
	r.get = header;
	r.rawBody = raw;
	const url = new URL(req.url ?? '/', 'http://localhost');
	r.query = Object.fromEntries(url.searchParams);
	r.params = {};
	const type = String(req.headers['content-type'] ?? '');
	r.body = {};
	if (/json/i.test(type) && raw.length > 0) {
		try {
			r.body = JSON.parse(raw.toString('utf8'));
		} catch {
			r.body = {};
		}
	}
	return r;
}

function expressResponse(res: ServerResponse): ExpressishResponse {
	const r = res as ExpressishResponse;
	r.status = (code: number) => {
		res.statusCode = code;
		return r;
	};
	r.send = (value: unknown) => {
		if (res.writableEnded) return r;
		if (typeof value === 'string' || Buffer.isBuffer(value)) {
			if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
			res.end(value);
		} else {
			res.setHeader('content-type', 'application/json; charset=utf-8');
			res.end(JSON.stringify(value));
		}
		return r;
	};
	r.json = (value: unknown) => {
		if (res.writableEnded) return r;
		res.setHeader('content-type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(value));
		return r;
	};
	return r;
}

let serversStarted = 0;

export async function startTriggerServer(options: TriggerServerOptions): Promise<TriggerServer> {
	const node: INode = {
		id: 'trigger-under-test',
		name: 'Trigger under test',
		type: options.typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		webhookId: 'b5b9d4a6-6f0c-4c8e-9d52-0f3c7a1e2d11',
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((type) => [type, { id: `${type}-id`, name: `Test ${type}` }]),
		),
	};
	const nodeTypes: INodeTypes = {
		getByName: () => options.nodeType,
		getByNameAndVersion: () => options.nodeType,
		getKnownTypes: () => ({}),
	};
	// The workflow row's staticData column: null until n8n first saves something.
	let savedStaticData: string | null = null;
	const workflowParameters = {
		// Each server is its own workflow (as each active workflow in n8n has its own id).
		id: `trigger-workflow-${++serversStarted}`,
		name: 'Trigger workflow',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		settings: {},
	};
	const loadWorkflow = (staticData: IDataObject | undefined) => new Workflow({ ...workflowParameters, staticData });
	/** WorkflowStaticDataService.saveStaticData: writes only when the data says it changed. */
	const saveIfChanged = (workflow: Workflow) => {
		if (workflow.staticData.__dataChanged === true) {
			savedStaticData = JSON.stringify(workflow.staticData);
			workflow.staticData.__dataChanged = false;
		}
	};
	const started: INodeExecutionData[][][] = [];
	const credentialsHelper = new TestCredentialsHelper(options.credentials);
	const webhookDescription = options.nodeType.description.webhooks![0];

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const request = expressRequest(req, Buffer.concat(chunks));
		const response = expressResponse(res);
		const additionalData = {
			credentialsHelper,
			executionId: undefined,
			httpRequest: request,
			httpResponse: response,
			...TEST_INSTANCE,
		} as unknown as IWorkflowExecuteAdditionalData;
		const loadedStaticData = savedStaticData === null ? undefined : (JSON.parse(savedStaticData) as IDataObject);
		const workflow = loadWorkflow(loadedStaticData);
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `${node.webhookId}/webhook`,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		const context = new WebhookContext(workflow, workflow.getNode(node.name)!, additionalData, options.mode ?? 'webhook', webhookData, [], null);
		let result;
		try {
			result = await options.nodeType.webhook!.call(context);
		} catch {
			// n8n answers a failing webhook() like this.
			if (!res.writableEnded) response.status(500).json({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			return;
		}
		// What n8n's webhook helpers do with the result for responseMode "onReceived".
		if (result.noWebhookResponse) {
			// The node answered: n8n's answer callback runs now and saves static data, then starts the workflow.
			if (!res.writableEnded) res.end();
			saveIfChanged(workflow);
			if (result.workflowData !== undefined) started.push(result.workflowData);
			return;
		}
		if (result.workflowData === undefined) {
			response.status(200).send(result.webhookResponse ?? { message: 'Webhook call received' });
			saveIfChanged(workflow);
			return;
		}
		started.push(result.workflowData);
		// Starting the execution builds a Workflow on the same static data object, which resets its flag.
		if (loadedStaticData !== undefined) loadWorkflow(loadedStaticData);
		response.status(200).send(result.webhookResponse ?? { message: 'Workflow was started' });
		saveIfChanged(workflow);
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch(() => {
			if (!res.headersSent) res.statusCode = 500;
			res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address() as { port: number };
	const url = `http://127.0.0.1:${address.port}/webhook/${node.webhookId}/webhook`;

	return {
		url,
		started,
		get staticData() {
			return (savedStaticData === null ? {} : JSON.parse(savedStaticData)) as IDataObject;
		},
		async post(body, headers) {
			const answer = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
			return { status: answer.status, body: await answer.text() };
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
