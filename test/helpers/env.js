// n8n-core reads its configuration from the environment when first loaded: give every test
// worker its own user folder and a filesystem binary-data store, as a self-hosted n8n has.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-media-jest-'));
process.env.N8N_USER_FOLDER = root;
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(root, 'binaryData');
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_ENCRYPTION_KEY = 'jest-only-encryption-key';
process.env.N8N_LOG_LEVEL = 'silent';
