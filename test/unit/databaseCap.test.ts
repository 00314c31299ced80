/**
 * The cap of n8n's "database" binary data mode as our download door reads it must be the one
 * n8n itself uses: for each value of N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE (and its _FILE
 * form), our reading equals the dbMaxFileSize of a fresh n8n-core BinaryDataConfig.
 */
import { Container } from '@n8n/di';
import { BinaryDataConfig } from 'n8n-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { databaseMaxFileSizeMiB } from '../../nodes/shared/download/binaryStore';

const NAME = 'N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE';

function n8nReads(): number {
	Container.reset();
	return Container.get(BinaryDataConfig).dbMaxFileSize;
}

afterEach(() => {
	delete process.env[NAME];
	delete process.env[`${NAME}_FILE`];
	jest.restoreAllMocks();
});

it.each([
	undefined,
	'16',
	' 16 ',
	'"16"',
	"'64'",
	'',
	'   ',
	'1024',
	'1025',
	'2000',
	'abc',
	'16.5',
	'1e2',
	'0x10',
	'0',
	'-5',
	'Infinity',
])('N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE=%p reads as n8n reads it', (value) => {
	jest.spyOn(console, 'warn').mockImplementation(() => undefined); // n8n warns about invalid values
	if (value !== undefined) process.env[NAME] = value;
	const expected = n8nReads();
	expect(databaseMaxFileSizeMiB()).toBe(expected);
});

it('reads the _FILE form as n8n does (the variable itself wins when both are set)', () => {
	const file = join(mkdtempSync(join(tmpdir(), 'kyc-cap-')), 'cap');
	writeFileSync(file, ' 24\n');
	process.env[`${NAME}_FILE`] = file;
	jest.spyOn(console, 'warn').mockImplementation(() => undefined); // n8n warns about the trimmed whitespace
	expect(n8nReads()).toBe(24);
	expect(databaseMaxFileSizeMiB()).toBe(24);
	process.env[NAME] = '32';
	expect(n8nReads()).toBe(32);
	expect(databaseMaxFileSizeMiB()).toBe(32);
});
