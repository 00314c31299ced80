// Case 6, one Veriff video in n8n's "database" binary data mode (our node, Crypto + HTTP Request): memory per MiB, a file over the cap.
'use strict';
const crypto = require('node:crypto');
const path = require('node:path');

const { MiB, assertNodeOk } = require('../measure');
const { USER_FOLDER } = require('../workspace');
const { log, sec, mib, ratio } = require('../format');
const { med, table, spreadOf, workflowHeader, workflowRow } = require('../tables');

/*
 * n8n's "database" binary data mode (N8N_DEFAULT_BINARY_DATA_MODE=database, n8n's default in
 * queue mode) keeps every file in n8n's database: its store reads the whole file into memory,
 * then compares it with N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE (MiB, default 512) and inserts
 * it. Here with n8n's SQLite, the database `n8n execute` uses; in queue mode it is Postgres.
 */
const MODE = { N8N_DEFAULT_BINARY_DATA_MODE: 'database' };

/** Three videos in one session: small (the baseline), large (under the default cap), over (the bench's cap). */
function seed({ veriff }, config) {
	const { sessionId } = veriff.addSession({
		vendorData: 'bench-database-mode',
		attempts: [{ status: 'approved', images: [], videos: [] }],
	});
	const ids = {};
	for (const key of ['small', 'large', 'over']) {
		ids[key] = veriff.addLargeVideo({
			sessionId,
			size: config.database[`${key}Bytes`],
			mimetype: 'video/mp4',
		}).id;
	}
	return ids;
}

/** Bytes the simulator's server writes to its sockets from now on (headers included). */
function bytesServedBy(sim) {
	const sockets = new Map();
	const onRequest = (req) => {
		if (!sockets.has(req.socket)) sockets.set(req.socket, req.socket.bytesWritten);
	};
	sim.server.on('request', onRequest);
	return () => {
		sim.server.off('request', onRequest);
		return [...sockets].reduce((sum, [socket, before]) => sum + socket.bytesWritten - before, 0);
	};
}

/** n8n's SQLite database of the bench's user folder, through the sqlite3 module n8n itself uses. */
function openDatabase(runtime) {
	// eslint-disable-next-line import/no-dynamic-require
	const sqlite3 = require(path.resolve(runtime.n8n, '..', '..', '..', 'sqlite3'));
	const db = new sqlite3.Database(path.join(USER_FOLDER, '.n8n', 'database.sqlite'));
	const call = (method, sql, params = []) =>
		new Promise((resolve, reject) =>
			db[method](sql, params, (error, result) => (error ? reject(error) : resolve(result))),
		);
	return {
		/** Hex sha256 and length of a stored file (binary id `database:<fileId>`). */
		async fileDigest(binaryId) {
			const row = await call('get', 'SELECT data FROM binary_data WHERE fileId = ?', [
				String(binaryId).replace(/^database:/, ''),
			]);
			if (!row) throw new Error(`no row in binary_data for ${binaryId}`);
			return {
				length: row.data.length,
				sha256: crypto.createHash('sha256').update(row.data).digest('hex'),
			};
		},
		/** Drops every stored file (hundreds of MB must not pile up in the database). */
		async clear() {
			await call('run', 'DELETE FROM binary_data');
		},
		close: () => new Promise((resolve) => db.close(() => resolve())),
	};
}

/**
 * Per run, both workflows alternately: the small and the large file in database mode (default
 * cap), then the file over the cap with the cap set to `config.database.capMiB`. Each stored
 * file's bytes are checked in the database; the refusal's message and the bytes the simulator
 * served are kept.
 */
async function run({ config, execute, workflows, expectedSha, sims, runtime }, ids) {
	const c = config.database;
	const results = { ours: [], http: [] };
	const db = openDatabase(runtime);
	try {
		for (let r = 0; r < c.runs; r++) {
			for (const variant of ['ours', 'http']) {
				const entry = {};
				for (const key of ['small', 'large']) {
					const result = await execute(workflows.database[key][variant].id, MODE);
					const [item] = assertNodeOk(result, 'Download');
					const binary = item?.binary?.data;
					if (!/^database:/.test(String(binary?.id)))
						throw new Error(
							`${variant} ${key}: not stored in database mode (${JSON.stringify(binary)})`,
						);
					const stored = await db.fileDigest(binary.id);
					if (stored.length !== c[`${key}Bytes`] || stored.sha256 !== expectedSha[ids[key]])
						throw new Error(`${variant} ${key}: the stored file differs from what Veriff served`);
					entry[`${key}PeakBytes`] = result.peakBytes;
					entry[`${key}NodeMs`] = result.nodeMs.Download;
					await db.clear();
				}
				const served = bytesServedBy(sims.veriff);
				const over = await execute(workflows.database.over[variant].id, {
					...MODE,
					N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE: String(c.capMiB),
				});
				const error = over.execution?.data?.resultData?.runData?.Download?.[0]?.error;
				// Ours refuses from the Content-Length; HTTP Request's file is refused by n8n's store.
				const expected =
					variant === 'ours'
						? /that n8n stores in "database" binary data mode/
						: /exceeds the max size limit/;
				if (!error || !expected.test(error.message))
					throw new Error(
						`${variant} over the cap: expected the cap's error, got ${error?.message ?? 'success'}`,
					);
				entry.overPeakBytes = over.peakBytes;
				entry.overNodeMs = over.nodeMs.Download;
				entry.overServedBytes = served();
				entry.overMessage = error.message;
				entry.perMiB =
					(entry.largePeakBytes - entry.smallPeakBytes) / ((c.largeBytes - c.smallBytes) / MiB);
				entry.overGrowthBytes = entry.overPeakBytes - entry.smallPeakBytes;
				await db.clear();
				results[variant].push(entry);
				log(
					`database mode ${variant}: peak ${mib(entry.smallPeakBytes)} (${mib(c.smallBytes)}), ${mib(entry.largePeakBytes)} (${mib(c.largeBytes)}) → ${(entry.perMiB / MiB).toFixed(2)} MiB per MiB; ` +
						`${mib(c.overBytes)} over a ${c.capMiB} MiB cap: peak ${mib(entry.overPeakBytes)}, node ${sec(entry.overNodeMs)}, ${mib(entry.overServedBytes)} served`,
				);
			}
		}
	} finally {
		await db.clear().catch(() => undefined);
		await db.close();
	}
	return results;
}

function renderSection({ database, config }) {
	const lines = [];
	const targets = [];
	if (!database?.ours?.length) return { lines, targets };
	const c = config.database;
	const [small, large, over] = [c.smallBytes, c.largeBytes, c.overBytes].map(mib);
	lines.push(`## 6. Download one Veriff video in "database" binary data mode`, '');
	lines.push(
		`\`N8N_DEFAULT_BINARY_DATA_MODE=database\` (n8n's default in queue mode; here with n8n's SQLite). n8n's store reads each`,
		'file whole into memory before it inserts it, and only then compares it with `N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE`.',
		`Peak RSS of the n8n process for a ${small} and a ${large} video (default cap, 512 MiB); memory per downloaded MiB =`,
		`(peak at ${large} − peak at ${small}) ÷ ${((c.largeBytes - c.smallBytes) / MiB).toFixed(0)} MiB. Then a ${over} video with the cap set to ${c.capMiB} MiB:`,
		"our node refuses it from its Content-Length before reading the body; HTTP Request's file is refused by n8n's store after",
		`it was read. Growth = its peak − the peak at ${small}; served = bytes the simulator wrote before the connection ended.`,
		'',
	);
	const perMiB = (runs) => `${(med(runs, 'perMiB') / MiB).toFixed(2)} MiB`;
	const columns = [
		[`Peak RSS ${small}`, spreadOf('smallPeakBytes', mib)],
		[`Peak RSS ${large}`, spreadOf('largePeakBytes', mib)],
		['Memory per downloaded MiB', perMiB],
		[`Download node ${large}`, spreadOf('largeNodeMs', sec)],
		[`${over} over a ${c.capMiB} MiB cap: peak RSS`, spreadOf('overPeakBytes', mib)],
		['growth', spreadOf('overGrowthBytes', mib)],
		['served', spreadOf('overServedBytes', mib)],
		['node time', spreadOf('overNodeMs', sec)],
	];
	lines.push(
		table(workflowHeader(columns), [
			workflowRow(columns, 'Veriff node: Download Media', database.ours),
			workflowRow(columns, 'Crypto (HMAC) + HTTP Request (file)', database.http),
		]),
		'',
	);
	lines.push(
		`Memory per downloaded MiB, ours ÷ HTTP Request's: ${ratio(med(database.ours, 'perMiB'), med(database.http, 'perMiB'))}.`,
		'',
		`Our node's message over the cap: "${database.ours[0].overMessage}"`,
		'',
		`HTTP Request's (n8n's store): "${database.http[0].overMessage}"`,
		'',
	);
	return { lines, targets };
}

module.exports = { seed, run, renderSection };
