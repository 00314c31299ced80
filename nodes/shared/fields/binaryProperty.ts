// Download fields: "Put Output File in Field" (read safely) and the "File Name" option.
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const binaryPropertyNameField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	placeholder: 'e.g. data',
	hint: 'The name of the output binary field to put the file in',
};

/** The output binary property name: a plain identifier, so later expressions can reach it. */
export function readBinaryPropertyName(ctx: IExecuteFunctions, itemIndex: number): string {
	const name = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!/^[A-Za-z0-9_-]+$/.test(name)) {
		throw new NodeOperationError(ctx.getNode(), `Put Output File in Field "${name}" is not a valid field name (item ${itemIndex})`, {
			itemIndex,
			description: 'Use letters, digits, "_" or "-", e.g. data.',
		});
	}
	return name;
}

/** The "File Name" option of download operations: empty keeps the name the operation builds. */
export function fileNameOption(placeholder: string, description: string): INodeProperties {
	return { displayName: 'File Name', name: 'fileName', type: 'string', default: '', placeholder, description };
}
