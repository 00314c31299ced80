/**
 * Sumsub's rate limit (300 GET per 5 s per app token, enforced by the simulator) when several
 * n8n processes use the same app token, as queue-mode workers do: each process has its own
 * copy of our limiter (nodes/Sumsub/transport.ts), so together they can send more than Sumsub
 * allows. Another process is a second copy of the node's modules (jest.isolateModules), with
 * its own limiter exactly as another worker would have. Every item must still succeed: the
 * transport retries the 429s (Sumsub sends no Retry-After) in a later window of the vendor's.
 */
import type { INodeExecutionData, INodeType } from 'n8n-workflow';

import { runNode } from '../helpers/n8n';
import { DEMO, startSumsubSimulator } from '../helpers/simulators';

const S = DEMO.sumsub;
const ITEMS = 300;

let sim: any;

beforeAll(async () => {
	sim = await startSumsubSimulator({});
});
afterAll(async () => sim.close());

/** The Sumsub node from a fresh module registry: its own transport, its own limiter. */
function sumsubOfAnotherProcess(): INodeType {
	let node!: INodeType;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-var-requires
		const { Sumsub } = require('../../nodes/Sumsub/Sumsub.node');
		node = new Sumsub();
	});
	return node;
}

function thisProcess(): INodeType {
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	const { Sumsub } = require('../../nodes/Sumsub/Sumsub.node');
	return new Sumsub();
}

const items = (count: number): INodeExecutionData[] => Array.from({ length: count }, (_, n) => ({ json: { n, applicantId: S.applicantCompleted } }));

function reviewStatus(nodeType: INodeType, count = ITEMS) {
	return runNode({
		nodeType,
		typeName: 'n8n-nodes-kyc-media.sumsub',
		parameters: { resource: 'applicant', operation: 'getReviewStatus', applicantId: '={{ $json.applicantId }}', options: {} },
		credentials: { sumsubApi: { ...DEMO.credentials.sumsub, baseUrl: sim.url } },
		input: items(count),
	});
}

/** `count` copies of the node as separate processes would have them, warmed up, the limit switched on. */
async function processes(count: number): Promise<INodeType[]> {
	const nodes = [thisProcess(), ...Array.from({ length: count - 1 }, () => sumsubOfAnotherProcess())];
	sim.setRateLimit(null);
	await Promise.all(nodes.map((node) => reviewStatus(node, 1)));
	// Let the limiters' windows of the warm-up pass.
	await new Promise((resolve) => setTimeout(resolve, 5_500));
	sim.clearRequests();
	sim.setRateLimit({ get: 300, post: 50, windowMs: 5_000 });
	return nodes;
}

const statusesOf = (requests: Array<{ status: number }>) => ({ requests: requests.length, limited: requests.filter((r) => r.status === 429).length });

function expectAllItems(result: Awaited<ReturnType<typeof reviewStatus>>, count: number) {
	expect(result.error?.message).toBeUndefined();
	expect(result.items).toHaveLength(count);
	expect(result.items.every((item) => item.json.reviewStatus === 'completed')).toBe(true);
}

afterEach(() => sim.setRateLimit(null));

it('2 processes × 300 Get Review Status at once on one app token (the queue-mode e2e setup): no item fails', async () => {
	const nodes = await processes(2);
	const started = Date.now();
	const results = await Promise.all(nodes.map((node) => reviewStatus(node)));
	const seen = statusesOf(sim.requests);
	console.log(`2 × ${ITEMS} items at once: ${seen.requests} requests, ${seen.limited} answered 429, ${((Date.now() - started) / 1000).toFixed(1)} s`);
	// How many 429s depends on the machine's speed (a slow one stays under the limit).
	for (const result of results) expectAllItems(result, ITEMS);
}, 120_000);

it('a worker whose items meet a window another worker has filled: its 429s (no Retry-After) wait for a later window, no item fails', async () => {
	// Another worker has just used up Sumsub's window: for the next 6 s Sumsub refuses every
	// request with a bare 429 (no Retry-After), while this process's own limiter has seen none
	// of it. Backoff alone (0.25-0.5, 0.5-1, 1-2 s: at most 3.5 s) spends all three retries
	// inside that time and the items fail; waiting for the vendor's window gets them through.
	const [node] = await processes(1);
	sim.setRateLimit(null);
	sim.injectFault({ method: 'GET', path: /\/status$/, status: 429, times: Infinity });
	const reopen = setTimeout(() => sim.clearFaults(), 6_000);
	try {
		const started = Date.now();
		const result = await reviewStatus(node, 30);
		const seen = statusesOf(sim.requests);
		console.log(`30 items while the window is full for 6 s: ${seen.requests} requests, ${seen.limited} answered 429, ${((Date.now() - started) / 1000).toFixed(1)} s`);
		expect(seen.limited).toBeGreaterThanOrEqual(30);
		expectAllItems(result, 30);
		expect(Date.now() - started).toBeGreaterThanOrEqual(6_000);
	} finally {
		clearTimeout(reopen);
		sim.clearFaults();
	}
}, 120_000);
