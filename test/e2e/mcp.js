'use strict';
/**
 * The action nodes as AI tools, end to end: a published workflow whose MCP Server Trigger
 * (`@n8n/n8n-nodes-langchain.mcpTrigger`) has a Veriff, a Sumsub and a Unit21 tool connected
 * (node types `…veriffTool`, `…sumsubTool`, `…unit21Tool`, which n8n derives from
 * `usableAsTool: true`). An MCP client (the official SDK, as any MCP-capable agent uses it)
 * lists the tools over streamable HTTP (and over SSE, the older transport) and calls them;
 * the vendor data must come back through n8n from the simulators. No language model is involved: the client sends the arguments
 * that a model would fill in for the `$fromAI()` parameters.
 *
 * Used by server-checks.js: prepareMcpWorkflow() before `n8n start`, runMcpChecks() after.
 */
const assert = require('node:assert/strict');

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { SSEClientTransport } = require('@modelcontextprotocol/sdk/client/sse.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const lib = require('../../scripts/lib/n8n');
const { CREDENTIAL_IDS } = require('../../scripts/demo-setup');
const { DEMO } = require('../../simulators/demo-data');
const { secretValuesIn } = require('./secrets');

const MCP_WORKFLOW_ID = 'kycE2eMcpTools01';
/** The trigger's Path: the production MCP endpoint is `<n8n>/mcp/<path>` (n8n's N8N_ENDPOINT_MCP). */
const MCP_PATH = 'kyc-e2e-tools';
const PKG = lib.PACKAGE_NAME;

/** Tool name = node name with other characters than [a-zA-Z0-9_-] as `_` (n8n-workflow's nodeNameToToolName); description = "<action> in <node>" (makeDescription). */
const TOOLS = {
	veriff: { node: 'Veriff Get Decision', tool: 'Veriff_Get_Decision', description: 'Get decision in Veriff', argument: 'sessionId' },
	sumsub: { node: 'Sumsub Get Applicant', tool: 'Sumsub_Get_Applicant', description: 'Get an applicant in Sumsub', argument: 'applicantId' },
	unit21: { node: 'Unit21 Get Entity', tool: 'Unit21_Get_Entity', description: 'Get an entity in Unit21', argument: 'entityId' },
};

/** A tool node: the package's node type with n8n's `Tool` suffix, an id parameter filled by the agent. */
function toolNode(index, name, type, credentials, parameters) {
	return { id: `${MCP_WORKFLOW_ID}-${index}`, name, type: `${PKG}.${type}Tool`, typeVersion: 1, position: [index * 220 - 220, 240], parameters, credentials };
}

const fromAI = (key, description) => `={{ $fromAI('${key}', '${description}', 'string') }}`;

/** The workflow an n8n user would build in the editor: MCP Server Trigger ← three tools (ai_tool). */
function mcpWorkflow() {
	const toTrigger = { ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] };
	return {
		id: MCP_WORKFLOW_ID,
		name: 'e2e: Veriff, Sumsub and Unit21 as MCP tools',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${MCP_WORKFLOW_ID}-t`,
				name: 'MCP Server Trigger',
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: MCP_PATH,
				parameters: { authentication: 'none', path: MCP_PATH },
			},
			toolNode(0, TOOLS.veriff.node, 'veriff', { veriffApi: { id: CREDENTIAL_IDS.veriff, name: 'Veriff (demo simulator)' } }, {
				resource: 'session',
				operation: 'getDecision',
				sessionId: fromAI('sessionId', 'The id (UUID) of the Veriff verification session'),
			}),
			toolNode(1, TOOLS.sumsub.node, 'sumsub', { sumsubApi: { id: CREDENTIAL_IDS.sumsub, name: 'Sumsub (demo simulator)' } }, {
				resource: 'applicant',
				operation: 'get',
				lookupBy: 'applicantId',
				applicantId: fromAI('applicantId', 'The Sumsub applicant id'),
			}),
			toolNode(2, TOOLS.unit21.node, 'unit21', { unit21Api: { id: CREDENTIAL_IDS.unit21, name: 'Unit21 (demo simulator)' } }, {
				resource: 'entity',
				operation: 'get',
				entityId: fromAI('entityId', 'The Unit21 entity id (your customer id)'),
			}),
		],
		connections: Object.fromEntries(Object.values(TOOLS).map(({ node }) => [node, toTrigger])),
	};
}

/** Imports and publishes the MCP workflow (before `n8n start`, like the example workflows). */
async function prepareMcpWorkflow(runtime, userFolder) {
	await lib.importWorkflow(runtime, userFolder, mcpWorkflow());
	const published = await lib.n8nCli(runtime, userFolder, ['publish:workflow', `--id=${MCP_WORKFLOW_ID}`]);
	if (published.status !== 0) throw new Error(`publish:workflow ${MCP_WORKFLOW_ID} failed:\n${published.stderr}${published.stdout}`);
}

/** The JSON text of a tool result (n8n answers with one text part holding the items' JSON). */
function resultJson(result) {
	assert.ok(Array.isArray(result.content) && result.content.length === 1, JSON.stringify(result).slice(0, 500));
	assert.equal(result.content[0].type, 'text');
	return JSON.parse(result.content[0].text);
}

/**
 * Connects the client once n8n has registered the trigger: n8n 2.41.1 applies a publication
 * asynchronously after start-up (its publication outbox), so the URL answers 404 "not
 * registered" for a moment.
 */
async function connectWhenPublished(client, url, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			await client.connect(new StreamableHTTPClientTransport(url));
			return;
		} catch (error) {
			if (!/is not registered/.test(String(error)) || Date.now() > deadline) throw error;
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
}

/**
 * The named checks. `check(name, fn)` reports one check; `secrets` are the credentials' secret values.
 * @param {{baseUrl: string, sims: object, secrets?: string[], check: (name: string, fn: () => Promise<void>) => Promise<void>}} options
 */
async function runMcpChecks({ baseUrl, sims, check, secrets = [] }) {
	const client = new Client({ name: 'kyc-media-e2e', version: '1.0.0' });
	const url = new URL(`${baseUrl}/mcp/${MCP_PATH}`);
	let tools = [];
	/** Everything the MCP server sent back, for the secrets check. */
	const received = [];
	const call = async (mcpClient, name, args) => {
		const result = await mcpClient.callTool({ name, arguments: args });
		received.push(result);
		return result;
	};
	try {
		await check('AI tools › an MCP client connects to the published MCP Server Trigger (streamable HTTP) and lists the Veriff, Sumsub and Unit21 tools with their $fromAI schemas', async () => {
			await connectWhenPublished(client, url);
			({ tools } = await client.listTools());
			received.push(tools);
			const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
			assert.deepEqual(Object.keys(byName).sort(), Object.values(TOOLS).map((t) => t.tool).sort());
			for (const { tool, description, argument } of Object.values(TOOLS)) {
				assert.equal(byName[tool].description, description, tool);
				assert.equal(byName[tool].inputSchema.type, 'object', tool);
				assert.deepEqual(Object.keys(byName[tool].inputSchema.properties), [argument], tool);
				assert.equal(byName[tool].inputSchema.properties[argument].type, 'string', tool);
				assert.deepEqual(byName[tool].inputSchema.required, [argument], tool);
			}
			console.log(`      · ${tools.map((t) => `${t.name} (${Object.keys(t.inputSchema.properties).join(', ')}): "${t.description}"`).join('; ')}`);
		});

		await check('AI tools › MCP call of the Veriff tool (Get Decision) returns the simulator\'s decision of the session', async () => {
			sims.veriff.clearRequests();
			const sessionId = DEMO.veriff.sessionApproved;
			const result = await call(client, TOOLS.veriff.tool, { sessionId });
			assert.notEqual(result.isError, true, JSON.stringify(result).slice(0, 500));
			const items = resultJson(result);
			const expected = sims.veriff.sessions.get(sessionId).decision;
			assert.ok(expected && expected.status === 'approved', 'the demo session has a decision');
			assert.equal(items.length, 1);
			assert.equal(items[0].sessionId, sessionId);
			assert.equal(items[0].status, 'success');
			assert.deepEqual(items[0].verification, expected);
			const calls = sims.veriff.requests.filter((r) => r.method === 'GET' && r.path === `/v1/sessions/${sessionId}/decision`);
			assert.equal(calls.length, 1, 'Veriff was called once through n8n');
			console.log(`      · ${TOOLS.veriff.tool}({sessionId: ${sessionId}}) → verification.status ${items[0].verification.status}, code ${items[0].verification.code}; Veriff simulator saw ${calls.length} GET …/decision`);
		});

		await check('AI tools › MCP calls of the Sumsub (Get Applicant) and Unit21 (Get Entity) tools return the simulators\' applicant and entity', async () => {
			sims.sumsub.clearRequests();
			sims.unit21.clearRequests();
			const applicantId = DEMO.sumsub.applicantCompleted;
			const applicant = resultJson(await call(client, TOOLS.sumsub.tool, { applicantId }));
			assert.equal(applicant.length, 1);
			assert.equal(applicant[0].id, applicantId);
			assert.equal(applicant[0].externalUserId, DEMO.sumsub.externalUserId);
			assert.equal(sims.sumsub.requests.filter((r) => r.path.startsWith(`/resources/applicants/${applicantId}/one`)).length, 1);

			const entityId = DEMO.unit21.entity;
			const entity = resultJson(await call(client, TOOLS.unit21.tool, { entityId }));
			assert.equal(entity.length, 1);
			assert.equal(entity[0].entityId, entityId);
			assert.deepEqual(entity[0].custom_data, sims.unit21.getEntityData(entityId).custom_data ?? {});
			assert.equal(sims.unit21.requests.filter((r) => r.method === 'GET' && r.path === `/v1/${DEMO.unit21.orgName}/entities/${entityId}`).length, 1);
			console.log(`      · ${TOOLS.sumsub.tool} → applicant ${applicant[0].id} (externalUserId ${applicant[0].externalUserId}); ${TOOLS.unit21.tool} → entity ${entity[0].entityId}`);
		});

		await check('AI tools › a bad argument comes back to the agent as an MCP error naming the field, and reaches no vendor', async () => {
			sims.veriff.clearRequests();
			const result = await call(client, TOOLS.veriff.tool, { sessionId: 'not-a-session' });
			assert.equal(result.isError, true, JSON.stringify(result).slice(0, 500));
			assert.match(result.content[0].text, /Session ID/);
			assert.equal(sims.veriff.requests.length, 0);
			console.log(`      · ${result.content[0].text.split('\n')[0].slice(0, 160)}`);
		});

		await check('AI tools › over SSE (the older MCP transport, same URL) the client lists the same three tools and the Veriff call returns the decision', async () => {
			const sseClient = new Client({ name: 'kyc-media-e2e-sse', version: '1.0.0' });
			try {
				await sseClient.connect(new SSEClientTransport(url));
				const listed = (await sseClient.listTools()).tools;
				assert.deepEqual(listed, tools);
				sims.veriff.clearRequests();
				const sessionId = DEMO.veriff.sessionApproved;
				const items = resultJson(await call(sseClient, TOOLS.veriff.tool, { sessionId }));
				assert.deepEqual(items[0].verification, sims.veriff.sessions.get(sessionId).decision);
				assert.equal(sims.veriff.requests.length, 1);
			} finally {
				await sseClient.close().catch(() => {});
			}
		});

		await check('AI tools › no secret of the credentials in what the MCP client received', async () => {
			assert.ok(received.length >= 6 && secrets.length > 0, 'tool lists and results were received');
			assert.deepEqual(secretValuesIn(JSON.stringify(received), secrets), []);
		});
	} finally {
		await client.close().catch(() => {});
	}
}

module.exports = { MCP_WORKFLOW_ID, MCP_PATH, mcpWorkflow, prepareMcpWorkflow, runMcpChecks };
