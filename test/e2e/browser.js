'use strict';
/**
 * The editor in a real browser: headless Chromium (Debian's package) driven by playwright-core
 * finds our nodes in the node panel by searching "Veriff", "Sumsub", "Unit21", checks their
 * icons render, opens every action's parameter panel and saves screenshots.
 *
 * Standalone against a running n8n: node test/e2e/browser.js http://localhost:5678
 */
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { login, restCall } = require('../../scripts/lib/rest');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** What each node must offer, as the node panel shows it, and a parameter its panel must show. */
const NODES = [
	{
		search: 'Veriff',
		icon: 'veriff.svg',
		actions: [
			['List session media', 'sessionId'],
			['Download media', 'mediaId'],
			['List attempts', 'sessionId'],
			['Get decision', 'sessionId'],
		],
	},
	{
		search: 'Sumsub',
		icon: 'sumsub.svg',
		actions: [
			['Get video call data', 'inspectionId'],
			['Download video call recording', 'compositionMediaId'],
			['Get an applicant', 'lookupBy'],
			['Get the review status of an applicant', 'applicantId'],
			['Get the verification steps of an applicant', 'output'],
			['List documents', 'onlyAccepted'],
			['Download a document image', 'imageId'],
		],
	},
	{
		search: 'Unit21',
		icon: 'unit21.svg',
		actions: [
			['Add media to entity', 'entityId'],
			['Add media to event', 'eventId'],
			['Add media to alert', 'alertId'],
			['Add media to case', 'caseId'],
			['Get an entity', 'entityId'],
			['Create or update an entity', 'customData'],
		],
	},
];

/** Debian's chromium, installed on first use (CI machines start without it). */
function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	console.log('[e2e] installing Debian\'s chromium for the browser check');
	execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'], { stdio: 'inherit' });
}

async function dismissPopups(page) {
	for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => undefined);
	// n8n shows a "Production Checklist" over the canvas of a published workflow.
	const checklist = page.getByText('Production Checklist', { exact: true });
	if (await checklist.isVisible().catch(() => false)) {
		await checklist.locator('xpath=..').locator('button, [role="button"], svg').last().click().catch(() => undefined);
	}
}

/** Opens the node panel ("What happens next?"), searches, returns the node's entry. */
async function openNodePanel(page, search) {
	await dismissPopups(page);
	await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
	const input = page.locator('[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]').first();
	await input.waitFor({ timeout: 15_000 });
	await input.click();
	await page.keyboard.type(search);
	const name = page.locator('[data-test-id="node-creator-item-name"]', { hasText: new RegExp(`^${search}$`) });
	const item = page.locator('[data-test-id="item-iterator-item"]', { has: name }).first();
	await item.waitFor({ timeout: 15_000 });
	return item;
}

/**
 * Opens a workflow in the editor, runs it from its manual trigger `trigger` (hover, ▶) and waits
 * for the execution to finish; returns n8n's execution summary. The page stays on the workflow
 * with the run's data.
 */
async function runFromEditor(page, baseUrl, cookie, workflowId, trigger) {
	const before = (await restCall(baseUrl, cookie, 'GET', '/executions?limit=1')).body.data.results[0]?.id;
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
	await page.waitForTimeout(1500);
	await dismissPopups(page);
	await page.locator('[data-test-id="canvas-node"]', { hasText: trigger }).first().hover();
	await page.locator(`[data-test-id="execute-workflow-button-${trigger}"]`).first().click();
	let latest;
	for (let i = 0; i < 60; i++) {
		await page.waitForTimeout(500);
		latest = (await restCall(baseUrl, cookie, 'GET', '/executions?limit=1')).body.data.results[0];
		if (latest && latest.id !== before && !['new', 'running'].includes(latest.status)) break;
	}
	assert.ok(latest && latest.id !== before, 'no execution was started');
	return latest;
}

/**
 * Opens node `nodeName` of the workflow on the page (double click), switches its output to
 * *Binary* and clicks *View* on binary item `index`; returns the viewer (`.binary-data-window`).
 */
async function viewBinaryOutput(page, nodeName, index = 0) {
	const output = page.locator('[data-test-id="output-panel"]');
	if (!(await output.isVisible().catch(() => false))) {
		await page.locator('[data-test-id="canvas-node"]', { hasText: nodeName }).first().dblclick();
		await output.waitFor({ timeout: 15_000 });
		await output.locator('[data-test-id="ndv-run-data-display-mode"]').getByText('Binary', { exact: true }).click();
	}
	await output.locator('[data-test-id="ndv-view-binary-data"]').nth(index).click({ timeout: 15_000 });
	const viewer = page.locator('.binary-data-window');
	await viewer.waitFor({ timeout: 15_000 });
	return viewer;
}

/** Leaves the binary viewer for the list of files. */
async function backToBinaryList(page) {
	await page.locator('.binary-data-window-back').first().click();
	await page.locator('.binary-data-window').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

async function runBrowserChecks({ baseUrl, check, screenshotDir, workDir }) {
	const { chromium } = require('playwright-core');
	ensureChromium();
	fs.mkdirSync(screenshotDir, { recursive: true });
	const failureDir = path.join(workDir, 'browser-failures');
	fs.mkdirSync(failureDir, { recursive: true });
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const cookie = await login(baseUrl);
		const [name, ...rest] = cookie.split('=');
		await context.addCookies([{ name, value: rest.join('='), url: baseUrl }]);
		// A workflow with a manual trigger, so the node panel offers actions rather than triggers.
		const created = await restCall(baseUrl, cookie, 'POST', '/workflows', {
			name: 'Browser check',
			nodes: [{ id: 'b1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
			connections: {},
			settings: {},
		});
		assert.equal(created.status, 200, JSON.stringify(created.body).slice(0, 500));
		const page = await context.newPage();
		await page.goto(`${baseUrl}/workflow/${created.body.data.id}`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });

		for (const node of NODES) {
			await check(`Browser › node panel finds "${node.search}" with its icon`, async () => {
				try {
					const item = await openNodePanel(page, node.search);
					const icon = item.locator(`img[src*="${node.icon}"]`).first();
					await icon.waitFor({ timeout: 10_000 });
					const width = await icon.evaluate((img) => img.naturalWidth);
					assert.ok(width > 0, `the ${node.icon} icon did not load`);
					await page.screenshot({ path: path.join(screenshotDir, `node-panel-${node.search.toLowerCase()}.png`) });
				} catch (error) {
					await page.screenshot({ path: path.join(failureDir, `panel-${node.search}.png`) }).catch(() => undefined);
					throw error;
				}
			});
			for (const [action, parameter] of node.actions) {
				await check(`Browser › ${node.search} › "${action}" opens its parameter panel`, async () => {
					try {
						const item = await openNodePanel(page, node.search);
						await item.click();
						await page.locator('[data-test-id="node-creator"]').getByText(action, { exact: true }).first().click({ timeout: 15_000 });
						const input = page.locator(`[data-test-id="parameter-input-${parameter}"]`).first();
						await input.waitFor({ timeout: 15_000 });
						const file = `${node.search.toLowerCase()}-${action.toLowerCase().replace(/[^a-z]+/g, '-')}.png`;
						await page.screenshot({ path: path.join(screenshotDir, file) });
						await dismissPopups(page);
					} catch (error) {
						await page.screenshot({ path: path.join(failureDir, `${node.search}-${action}.png`) }).catch(() => undefined);
						throw error;
					}
				});
			}
		}

		await check('Browser › example 1 runs green from the editor (▶ on "Try it with a sample session")', async () => {
			try {
				// The workflow has two triggers; run the one with sample data, as the README says.
				const latest = await runFromEditor(page, baseUrl, cookie, 'kycExample0001', 'Try it with a sample session');
				assert.equal(latest.workflowId, 'kycExample0001');
				assert.equal(latest.status, 'success');
				await page.waitForTimeout(1000);
				await page.screenshot({ path: path.join(screenshotDir, 'example-1-executed.png') });
			} catch (error) {
				await page.screenshot({ path: path.join(failureDir, 'example-1.png') }).catch(() => undefined);
				throw error;
			}
		});

		// What an investigator sees of the evidence: n8n's own viewer behind "View" in the output.
		await check('Browser › example 1: "View" on a downloaded Veriff photo shows the SPECIMEN passport page (240×320)', async () => {
			try {
				// The approved demo session's decision names a passport: its data page comes first.
				const viewer = await viewBinaryOutput(page, 'Download Media', 0);
				const image = viewer.locator('img').first();
				await image.waitFor({ timeout: 15_000 });
				await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await image.elementHandle(), { timeout: 15_000 });
				const size = await image.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
				assert.deepEqual(size, [240, 320], 'the passport page specimen is 240×320');
				await page.screenshot({ path: path.join(screenshotDir, 'veriff-download-media-view.png') });
				await backToBinaryList(page);
				await page.keyboard.press('Escape');
			} catch (error) {
				await page.screenshot({ path: path.join(failureDir, 'example-1-view.png') }).catch(() => undefined);
				throw error;
			}
		});

		await check('Browser › example 2 from the editor: "View" plays both Video Ident recordings (MP4 6 s, WebM 3 s)', async () => {
			try {
				const latest = await runFromEditor(page, baseUrl, cookie, 'kycExample0002', 'Try it with a sample applicant');
				assert.equal(latest.status, 'success');
				for (const [index, seconds, shot] of [[0, 6, 'sumsub-recording-view.png'], [1, 3, undefined]]) {
					const viewer = await viewBinaryOutput(page, 'Download Video Call Recording', index);
					const video = viewer.locator('video').first();
					await video.waitFor({ timeout: 15_000 });
					// The browser decodes the file's header: a playable video reports its duration.
					const duration = await video.evaluate(
						(v) =>
							new Promise((resolve, reject) => {
								if (v.readyState >= 1) return resolve(v.duration);
								v.addEventListener('loadedmetadata', () => resolve(v.duration), { once: true });
								v.addEventListener('error', () => reject(new Error(`the browser cannot play it: ${v.error?.message || v.error?.code}`)), { once: true });
								setTimeout(() => reject(new Error('no video metadata within 15 s')), 15_000);
							}),
					);
					assert.ok(Math.abs(duration - seconds) < 0.1, `recording ${index + 1} plays ${duration} s, expected ${seconds} s`);
					if (shot) {
						// Played to the moment the applicant holds up the ID card, then paused.
						await video.evaluate(
							(v) =>
								new Promise((resolve, reject) => {
									v.muted = true;
									v.play().catch(reject);
									const timer = setInterval(() => {
										if (v.currentTime < 3.5) return;
										clearInterval(timer);
										v.pause();
										resolve();
									}, 50);
									setTimeout(() => reject(new Error(`the video stopped at ${v.currentTime} s`)), 20_000);
								}),
						);
						await page.screenshot({ path: path.join(screenshotDir, shot) });
					}
					await backToBinaryList(page);
				}
				await page.keyboard.press('Escape');
			} catch (error) {
				await page.screenshot({ path: path.join(failureDir, 'example-2-view.png') }).catch(() => undefined);
				throw error;
			}
		});
	} finally {
		await browser.close();
	}
}

module.exports = { runBrowserChecks };

if (require.main === module) {
	const baseUrl = process.argv[2] || 'http://localhost:5678';
	let failed = 0;
	const check = async (name, fn) => {
		try {
			await fn();
			console.log(`  ✓ ${name}`);
		} catch (error) {
			failed++;
			console.log(`  ✗ ${name}\n      ${error.message.split('\n')[0]}`);
		}
	};
	const out = path.join(__dirname, '.work', 'screenshots');
	runBrowserChecks({ baseUrl, check, screenshotDir: out, workDir: path.join(__dirname, '.work') })
		.then(() => process.exit(failed ? 1 : 0))
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
