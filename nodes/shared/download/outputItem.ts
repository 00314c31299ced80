// The output item of a download operation: the input item, the ids of what was downloaded, the file in its binary field.
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export function withDownloadedFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	ids: IDataObject,
	binaryPropertyName: string,
	binary: IBinaryData,
): INodeExecutionData[] {
	const input = ctx.getInputData()[itemIndex];
	return [
		{
			json: { ...input.json, ...ids },
			binary: { ...(input.binary ?? {}), [binaryPropertyName]: binary },
		},
	];
}
