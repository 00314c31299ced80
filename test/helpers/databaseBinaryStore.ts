/**
 * n8n's "database" binary data mode inside the jest harness. n8n's own manager for that mode
 * (DatabaseManager, n8n/dist/binary-data/database.manager.js of the `n8n` package) needs n8n's
 * database; this one does what its store() does, step for step, over an in-memory table:
 * binaryToBuffer (the whole body into memory), then the size check against the config's
 * dbMaxFileSize with n8n-core's own FileTooLargeError, then the row. Everything around it is
 * n8n-core's: BinaryDataConfig reads the mode and the cap from the environment, and
 * BinaryDataService gives stored files `database:<id>` ids.
 */
import { binaryToBuffer } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService, FileTooLargeError } from 'n8n-core';
import type { BinaryData } from 'n8n-core';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

interface Row {
	data: Buffer;
	fileName?: string;
	mimeType?: string;
	executionId: string;
}

export class InMemoryDatabaseManager implements BinaryData.Manager {
	readonly rows = new Map<string, Row>();
	/** Bytes n8n's store collected in memory for each store() call, refused ones included. */
	readonly buffered: number[] = [];

	constructor(private readonly config: BinaryDataConfig) {}

	async init(): Promise<void> {}

	async store(location: BinaryData.FileLocation, bufferOrStream: Buffer | Readable, metadata: BinaryData.PreWriteMetadata) {
		const buffer = await binaryToBuffer(bufferOrStream);
		this.buffered.push(buffer.length);
		const fileSizeMb = buffer.length / (1024 * 1024);
		const fileId = randomUUID();
		if (fileSizeMb > this.config.dbMaxFileSize) {
			throw new FileTooLargeError({ fileSizeMb, maxFileSizeMb: this.config.dbMaxFileSize, fileId, fileName: metadata.fileName });
		}
		this.rows.set(fileId, {
			data: buffer,
			fileName: metadata.fileName,
			mimeType: metadata.mimeType,
			executionId: location.type === 'execution' ? location.executionId : 'custom',
		});
		return { fileId, fileSize: buffer.length };
	}

	getPath(fileId: string): string {
		return `database://${fileId}`;
	}

	async getAsBuffer(fileId: string): Promise<Buffer> {
		const row = this.rows.get(fileId);
		if (!row) throw new Error(`no binary data row ${fileId}`);
		return row.data;
	}

	async getAsStream(fileId: string): Promise<Readable> {
		return Readable.from(await this.getAsBuffer(fileId));
	}

	async getMetadata(fileId: string) {
		const row = this.rows.get(fileId);
		if (!row) throw new Error(`no binary data row ${fileId}`);
		return { fileName: row.fileName, mimeType: row.mimeType, fileSize: row.data.length };
	}

	async deleteMany(locations: BinaryData.FileLocation[]): Promise<void> {
		const ids = new Set(locations.flatMap((l) => (l.type === 'execution' ? [l.executionId] : [])));
		for (const [fileId, row] of this.rows) if (ids.has(row.executionId)) this.rows.delete(fileId);
	}

	async copyByFileId(): Promise<string> {
		throw new Error('not used by these tests');
	}

	async copyByFilePath(): Promise<BinaryData.WriteResult> {
		throw new Error('not used by these tests');
	}

	async rename(): Promise<void> {
		throw new Error('not used by these tests');
	}
}

/**
 * Switches this jest worker's n8n-core to "database" binary data mode with a cap of `capMiB`
 * (N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE, read by n8n-core's config as in n8n). Must run before
 * anything starts n8n-core's binary data service (the first node run does).
 */
export function useDatabaseBinaryMode(capMiB: number): InMemoryDatabaseManager {
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'database';
	process.env.N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE = String(capMiB);
	const config = Container.get(BinaryDataConfig);
	if (config.mode !== 'database' || config.dbMaxFileSize !== capMiB) {
		throw new Error('n8n-core read its binary data config before useDatabaseBinaryMode ran');
	}
	const manager = new InMemoryDatabaseManager(config);
	Container.get(BinaryDataService).setManager('database', manager);
	return manager;
}
