// bench/.work: paths of n8n's user folder, binary data and curl's output, and their clean-up.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const BENCH = __dirname;
const WORK = path.join(BENCH, '.work');
const USER_FOLDER = path.join(WORK, 'n8n');
// n8n 2.x keeps filesystem-mode binary data in <user folder>/.n8n/storage.
const BINARY_DIR = path.join(USER_FOLDER, '.n8n', 'storage');
const CURL_OUT = path.join(WORK, 'curl.out');

/** Empties bench/.work for a fresh n8n user folder; profiles and the last full run's results are kept. */
function freshWorkFolder() {
	for (const entry of fs.existsSync(WORK) ? fs.readdirSync(WORK) : []) {
		if (entry !== 'profiles' && entry !== 'results.json')
			fs.rmSync(path.join(WORK, entry), { recursive: true, force: true });
	}
	fs.mkdirSync(USER_FOLDER, { recursive: true });
}

/** Deletes what the last run downloaded (files of up to 1 GiB must not pile up on disk). */
function cleanBinaryData() {
	fs.rmSync(BINARY_DIR, { recursive: true, force: true });
	fs.rmSync(CURL_OUT, { force: true });
}

/** The file behind a filesystem-mode binary id (`filesystem-v2:workflows/…/binary_data/<uuid>`). */
function binaryFile(binary) {
	const fileId = String(binary?.id ?? '').replace(/^[^:]+:/, '');
	if (!fileId)
		throw new Error(
			`the binary has no id (is binary data mode filesystem?): ${JSON.stringify(binary)}`,
		);
	return path.join(BINARY_DIR, fileId);
}

module.exports = {
	BENCH,
	WORK,
	USER_FOLDER,
	CURL_OUT,
	freshWorkFolder,
	cleanBinaryData,
	binaryFile,
};
