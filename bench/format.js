// Number formats and the log line, shared by the cases' console output and their tables.
'use strict';
const { MiB } = require('./measure');

const log = (...args) => console.log('[bench]', ...args);

// '—' wherever a figure is missing (a case that did not run, curl's node time, …).
const sec = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '—');
const mib = (bytes) => (Number.isFinite(bytes) ? `${(bytes / MiB).toFixed(0)} MiB` : '—');
const ratio = (a, b) =>
	Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—';

module.exports = { log, sec, mib, ratio };
