// What one item uploads to Unit21: the plan types, and the files read from its binary fields and checked (size, name, part key).
import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { extensionFor } from '../../shared/download/fileNames';
import { MAX_FILE_BYTES } from './mediaTypes';
import type { ObjectType } from './objectTypes';

export interface FilePlan {
	binaryPropertyName: string;
	partKey: string;
	binary: IBinaryData;
	fileName: string;
	mimeType: string;
	size: number;
}

export interface Plan {
	objectType: ObjectType;
	objectId: string;
	files: FilePlan[];
	mediaType?: string;
	customData?: IDataObject;
	source?: string;
	timestamp?: number;
	sendAs: 'multipart' | 'base64Json';
}

/** Bad input of item i: a NodeOperationError naming the item, before anything is sent. */
export function fail(ctx: IExecuteFunctions, i: number, message: string, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), `${message} (item ${i})`, { itemIndex: i, description });
}

async function binarySize(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	const known = (binary as IBinaryData & { bytes?: number }).bytes;
	if (typeof known === 'number') return known;
	if (binary.id) return (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
	return Buffer.byteLength(binary.data, 'base64');
}

function formatSize(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes.toLocaleString('en-US')} bytes)`;
}

/** One FilePlan per named binary field of item i; fails if a field is missing or a file is over Unit21's limit. */
export async function planFiles(
	ctx: IExecuteFunctions,
	i: number,
	propertyNames: string[],
	customFileName: string,
): Promise<FilePlan[]> {
	const usedKeys = new Set<string>();
	const files: FilePlan[] = [];
	for (const name of propertyNames) {
		const binary = ctx.getInputData()[i].binary?.[name];
		if (!binary) {
			const available = Object.keys(ctx.getInputData()[i].binary ?? {});
			fail(
				ctx,
				i,
				`Input Binary Field "${name}" does not exist on the item`,
				available.length > 0
					? `The item has these binary fields: ${available.join(', ')}.`
					: 'The item has no binary data: put a node that downloads the file (e.g. Veriff → Download Media) before this one.',
			);
		}
		const size = await binarySize(ctx, binary);
		if (size > MAX_FILE_BYTES) {
			fail(
				ctx,
				i,
				`The file in "${name}" is ${formatSize(size)}, over Unit21's 5 MB limit per file`,
				'Nothing was uploaded for this item. Compress or split the file, or store it elsewhere and link to it in Custom Data.',
			);
		}
		const mimeType = binary.mimeType || 'application/octet-stream';
		let fileName = customFileName || binary.fileName || name;
		if (!/\.[A-Za-z0-9]{1,5}$/.test(fileName)) fileName = `${fileName}.${extensionFor(mimeType)}`;
		// Unit21 wants an alphanumeric key, used for the file part and its metadata part.
		let partKey = name.replace(/[^A-Za-z0-9_]/g, '_') || 'media';
		while (usedKeys.has(partKey)) partKey = `${partKey}_${usedKeys.size}`;
		usedKeys.add(partKey);
		files.push({ binaryPropertyName: name, partKey, binary, fileName, mimeType, size });
	}
	return files;
}
