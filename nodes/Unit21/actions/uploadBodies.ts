// The two request bodies of Add Media: multipart form (streamed from the binary store, known length) and a base64 JSON array.
import FormData from 'form-data';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Plan } from './uploadPlan';

/** Multipart: per file, the file part and a text part with its metadata, under the same key. */
export async function multipartBody(ctx: IExecuteFunctions, plan: Plan) {
	const form = new FormData();
	for (const file of plan.files) {
		const content = file.binary.id
			? await ctx.helpers.getBinaryStream(file.binary.id)
			: Buffer.from(file.binary.data, 'base64');
		form.append(file.partKey, content, { filename: file.fileName, contentType: file.mimeType, knownLength: file.size });
		const metadata: IDataObject = {};
		if (plan.mediaType) metadata.media_type = plan.mediaType;
		if (plan.source) metadata.source = plan.source;
		if (plan.timestamp !== undefined) metadata.timestamp = plan.timestamp;
		if (plan.customData) metadata.custom_data = plan.customData;
		if (Object.keys(metadata).length > 0) form.append(file.partKey, JSON.stringify(metadata));
	}
	// A known length lets the upload stream without chunked encoding.
	return { body: form, headers: { ...form.getHeaders(), 'Content-Length': String(form.getLengthSync()) } };
}

/** Base64 JSON: an array with one entry per file (the file read into memory, a third larger once encoded). */
export async function base64JsonBody(ctx: IExecuteFunctions, plan: Plan, i: number) {
	const media: IDataObject[] = [];
	for (const file of plan.files) {
		const bytes = await ctx.helpers.getBinaryDataBuffer(i, file.binaryPropertyName);
		const entry: IDataObject = { media: bytes.toString('base64'), name: file.fileName };
		if (plan.mediaType) entry.media_type = plan.mediaType;
		if (plan.customData) entry.custom_data = plan.customData;
		media.push(entry);
	}
	return { body: JSON.stringify(media), headers: { 'Content-Type': 'application/json' } };
}
