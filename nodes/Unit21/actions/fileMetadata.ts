// The metadata sent with each file: media type (chosen, typed, or from the item), custom data with the evidence details, timestamp.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { evidenceDetails } from '../../shared/evidence/unit21MediaTypes';
import { readJsonObject } from '../../shared/fields/jsonObject';
import type { ObjectType } from './objectTypes';
import { fail } from './uploadPlan';

/** The media_type to send, or '' for none. */
export function readMediaType(ctx: IExecuteFunctions, i: number, objectType: ObjectType, item: IDataObject): string {
	let mediaType = String(ctx.getNodeParameter('mediaType', i, 'none') ?? '').trim();
	if (mediaType === 'fromItem') mediaType = mediaTypeOfItem(ctx, item, i);
	if (mediaType === 'other') {
		mediaType = String(ctx.getNodeParameter('customMediaType', i, '')).trim();
		if (mediaType === '') fail(ctx, i, 'Other Media Type is empty', 'Type the media_type to send, or choose one of the listed types.');
	}
	if (mediaType === 'none') mediaType = '';
	if (objectType === 'event' && mediaType === '') {
		fail(ctx, i, 'Media Type is required for events', 'Unit21 needs a media_type for every file added to an event.');
	}
	return mediaType;
}

/** "From the Item": the unit21MediaType that List Documents and List Session Media put on each item. */
function mediaTypeOfItem(ctx: IExecuteFunctions, item: IDataObject, i: number): string {
	const value = item.unit21MediaType;
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	return fail(
		ctx,
		i,
		'Media Type is "From the Item", but the item has no unit21MediaType',
		value === null
			? 'This file has no Unit21 media type (e.g. NFC data). Leave it out before this node, or choose a media type.'
			: 'Put Sumsub List Documents or Veriff List Session Media (then a download) before this node, or choose a media type.',
	);
}

/** Custom Data (JSON), with what the evidence is (vendor, ids, document type, side, country) under the user's own keys. */
export function readCustomData(ctx: IExecuteFunctions, i: number, options: IDataObject, item: IDataObject): IDataObject | undefined {
	const customData = readJsonObject(ctx, options.customData, 'Custom Data (JSON)', i, '{"veriffSessionId": "…"}');
	const evidence = options.evidenceDetails === false ? undefined : evidenceDetails(item);
	return evidence ? { ...evidence, ...(customData ?? {}) } : customData;
}

/** Timestamp as Unix seconds, from a date or a number of seconds or milliseconds. */
export function readTimestamp(ctx: IExecuteFunctions, i: number, options: IDataObject): number | undefined {
	if (options.timestamp === undefined || options.timestamp === '') return undefined;
	const raw = options.timestamp as string | number;
	const millis = typeof raw === 'number' ? (raw > 1e12 ? raw : raw * 1000) : Date.parse(String(raw));
	if (!Number.isFinite(millis)) fail(ctx, i, `Timestamp "${String(raw)}" is not a date`);
	return Math.floor(millis / 1000);
}
