// Cases 1–2, one Veriff video per size (our node, Crypto + HTTP Request, curl): run, tables.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

const { MiB, assertNodeOk, measureCurl, fileSha256, median } = require('../measure');
const { CURL_OUT, cleanBinaryData, binaryFile } = require('../workspace');
const { log, sec, mib, ratio } = require('../format');
const { med, table, spreadOf, ratioTo, workflowHeader, workflowRow } = require('../tables');

/** One large video per size in one Veriff session; returns the media id of each size label. */
function seed({ veriff }, config) {
	const { sessionId } = veriff.addSession({
		vendorData: 'bench-downloads',
		attempts: [{ status: 'approved', images: [], videos: [] }],
	});
	const mediaIds = {};
	for (const size of config.sizes) {
		mediaIds[size.label] = veriff.addLargeVideo({
			sessionId,
			size: size.bytes,
			mimetype: 'video/mp4',
		}).id;
	}
	return mediaIds;
}

/** The headers our node and the Crypto node compute, for curl. */
function veriffHeaders(veriffCredential, mediaId) {
	return {
		'X-AUTH-CLIENT': veriffCredential.data.apiKey,
		'X-HMAC-SIGNATURE': crypto
			.createHmac('sha256', veriffCredential.data.sharedSecret)
			.update(mediaId)
			.digest('hex'),
	};
}

/**
 * Every size: the two workflows alternately, then curl. Each download is checked (size; and the
 * first run's sha256 against what Veriff served) before its numbers count.
 * @returns per size label `{bytes, ours: run[], http: run[], curl: run[]}`
 */
async function run({ config, execute, urls, credentials, workflows, expectedSha }, mediaIds) {
	const results = {};
	for (const size of config.sizes) {
		const mediaId = mediaIds[size.label];
		const entry = (results[size.label] = { bytes: size.bytes, ours: [], http: [], curl: [] });
		for (let r = 0; r < size.runs; r++) {
			for (const variant of ['ours', 'http']) {
				const run = await execute(workflows.download[size.label][variant].id);
				const items = assertNodeOk(run, 'Download');
				const binary = items[0]?.binary?.data;
				if (binary?.bytes !== size.bytes)
					throw new Error(
						`${variant} ${size.label}: binary of ${binary?.bytes} bytes, expected ${size.bytes}`,
					);
				if (r === 0) {
					const sha = await fileSha256(binaryFile(binary));
					if (sha !== expectedSha[mediaId])
						throw new Error(
							`${variant} ${size.label}: stored file differs from what Veriff served`,
						);
				}
				entry[variant].push({
					wallMs: run.wallMs,
					peakBytes: run.peakBytes,
					nodeMs: run.nodeMs.Download,
					samples: run.samples,
				});
				cleanBinaryData();
				log(
					`download ${size.label} ${variant}: ${sec(run.wallMs)} wall, node ${sec(run.nodeMs.Download)}, peak ${mib(run.peakBytes)}`,
				);
			}
		}
		for (let r = 0; r < Math.max(config.curlRuns, size.runs); r++) {
			const curl = await measureCurl(
				`${urls.veriff}/v1/media/${mediaId}`,
				veriffHeaders(credentials.veriff, mediaId),
				CURL_OUT,
			);
			if (curl.status !== 0) throw new Error(`curl failed (${curl.status}): ${curl.stderr}`);
			if (fs.statSync(CURL_OUT).size !== size.bytes)
				throw new Error('curl wrote the wrong number of bytes');
			if (r === 0 && (await fileSha256(CURL_OUT)) !== expectedSha[mediaId])
				throw new Error('curl: file differs from what Veriff served');
			entry.curl.push({ wallMs: curl.wallMs });
			cleanBinaryData();
		}
		log(`download ${size.label} curl: ${sec(median(entry.curl.map((c) => c.wallMs)))} (median)`);
	}
	return results;
}

/** `--profile` names of this case: the largest size, and the smallest (`-small`). */
function profileTargets(workflows, config) {
	const big = config.sizes[config.sizes.length - 1].label;
	const small = config.sizes[0].label;
	return {
		'download-ours-small': { workflow: workflows.download[small].ours, nodeName: 'Download' },
		'download-http-small': { workflow: workflows.download[small].http, nodeName: 'Download' },
		'download-ours': { workflow: workflows.download[big].ours, nodeName: 'Download' },
		'download-http': { workflow: workflows.download[big].http, nodeName: 'Download' },
	};
}

/** The per-size table, the transfer/memory-growth table (start-up cancels out), and two targets. */
function renderSection({ download }) {
	const lines = [];
	const targets = [];
	const sizes = Object.keys(download);
	if (sizes.length === 0) return { lines, targets };
	const small = sizes[0];
	const big = sizes[sizes.length - 1];

	lines.push('## 1–2. Download one Veriff video', '');
	lines.push(
		"Wall time of the whole `n8n execute` (about 4 s of it is n8n starting up), the download node's own",
	);
	lines.push('executionTime, and the peak resident memory (VmHWM) of the n8n process.', '');
	// Ratios are to the HTTP Request workflow of the same size (its own row shows 1.00×). curl's
	// runs have no node time or memory figure: those cells come out as —.
	const columns = (http) => [
		['Wall time', spreadOf('wallMs', sec)],
		['Download node', spreadOf('nodeMs', sec)],
		['Peak RSS', spreadOf('peakBytes', mib)],
		['Wall × HTTP Request', ratioTo('wallMs', http)],
		['Peak RSS × HTTP Request', ratioTo('peakBytes', http)],
	];
	const rows = [];
	for (const label of sizes) {
		const e = download[label];
		const sizeColumns = columns(e.http);
		rows.push(
			[label, ...workflowRow(sizeColumns, 'Veriff node: Download Media', e.ours)],
			[label, ...workflowRow(sizeColumns, 'Crypto (HMAC) + HTTP Request (file)', e.http)],
			[label, ...workflowRow(sizeColumns, '`curl -s -o file`', e.curl)],
		);
	}
	lines.push(table(['Size', ...workflowHeader(columns([]))], rows), '');

	lines.push(
		`Transfer time = median wall time at a size − median wall time at ${small} (start-up cancels out);`,
	);
	lines.push(`memory growth = median peak RSS at a size − median peak RSS at ${small}.`, '');
	const derived = [];
	const transfer = {};
	const growth = {};
	for (const variant of ['ours', 'http', 'curl']) {
		const name = { ours: 'Veriff node', http: 'Crypto + HTTP Request', curl: 'curl' }[variant];
		const cells = [name];
		for (const label of sizes.slice(1)) {
			const t = med(download[label][variant], 'wallMs') - med(download[small][variant], 'wallMs');
			const g =
				variant === 'curl'
					? NaN
					: med(download[label][variant], 'peakBytes') - med(download[small][variant], 'peakBytes');
			const mbps = ((download[label].bytes - download[small].bytes) / MiB / (t / 1000)).toFixed(0);
			cells.push(
				`${sec(t)} (${mbps} MiB/s)`,
				variant === 'curl' ? '—' : `${g >= 0 ? '+' : ''}${mib(g)}`,
			);
			if (label === big) {
				transfer[variant] = t;
				growth[variant] = g;
			}
		}
		derived.push(cells);
	}
	const header = ['Workflow'];
	for (const label of sizes.slice(1))
		header.push(`Transfer ${small} → ${label}`, `Memory growth ${small} → ${label}`);
	lines.push(table(header, derived), '');
	lines.push(
		`Our transfer time ${big} ÷ HTTP Request's: ${ratio(transfer.ours, transfer.http)}; ÷ curl's: ${ratio(transfer.ours, transfer.curl)}.`,
		'',
	);

	targets.push([
		`Peak memory growth ${small} → ${big} (Veriff node) ≤ 48 MiB`,
		`${mib(growth.ours)} (HTTP Request: ${mib(growth.http)})`,
		growth.ours <= 48 * MiB,
	]);
	const allowed = 1.2 * transfer.curl + 1000;
	targets.push([
		`${big} transfer time (Veriff node) ≤ 1.2 × curl + 1 s`,
		`${sec(transfer.ours)} vs allowed ${sec(allowed)} (curl ${sec(transfer.curl)}; HTTP Request ${sec(transfer.http)})`,
		transfer.ours <= allowed,
	]);
	return { lines, targets };
}

module.exports = { seed, run, profileTargets, renderSection };
