// The one door for downloads: a signed GET streamed into the item's binary data, by the download thread or n8n's own client.
import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, ICredentialDataDecryptedObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { contentType, header, parseJsonBody, readSmallBody } from '../transport/body';
import { readReliabilityOptions } from '../transport/reliability';
import { sendThroughN8n, sendVendorRequest } from '../transport/send';
import type { SendAttempt } from '../transport/send';
import type { Vendor, VendorResponse } from '../transport/types';
import { refuseOverDatabaseCap } from './databaseCap';
import { guardedBody } from './guardedBody';
import { sendInDownloadThread } from './thread';
import { ThreadBody } from './threadBody';
import { downloadThreadUsable } from './threadUsable';

export interface DownloadRequest {
	url: string;
	itemIndex: number;
	/** Says what is downloaded, for error messages: "Downloading Veriff media 1234". */
	what: string;
	credentials: ICredentialDataDecryptedObject;
	rateLimitKey?: string;
	headers?: Record<string, string>;
	/** True where the vendor answers errors as JSON with a 2xx status too: such an answer fails, never becomes a file. */
	jsonIsError?: boolean;
}

/**
 * Downloads one file into n8n's binary data store and returns the stored binary. Retries,
 * timeouts and error texts are the transport's; a body that arrives short, dropped or stalled
 * fails the item and n8n's store removes the partial file. `fileName` gets the MIME type the
 * vendor sent.
 *
 * This function alone decides how the bytes travel: from the download thread (thread.ts)
 * when n8n keeps binary data on local disk, else through n8n's own HTTP client. In n8n's
 * "database" binary mode a file whose Content-Length is over n8n's cap is refused unread
 * (databaseCap.ts).
 */
export async function downloadToBinary(
	ctx: IExecuteFunctions,
	vendor: Vendor,
	request: DownloadRequest,
	fileName: (mimeType: string) => string,
): Promise<IBinaryData> {
	const reliability = readReliabilityOptions(ctx, request.itemIndex);
	const sendAttempt = (await downloadThreadUsable(ctx)) ? sendFromDownloadThread : sendThroughN8n;
	const response = await sendVendorRequest(
		ctx,
		vendor,
		{ ...request, method: 'GET', responseType: 'stream', changesData: false },
		reliability,
		sendAttempt,
	);
	const mimeType = contentType(response.headers);
	if (request.jsonIsError && /^application\/(.+\+)?json$/i.test(mimeType)) {
		throw await jsonInsteadOfFile(ctx, vendor, request, response);
	}
	const length = expectedLength(response);
	// Before any byte of the body is read: n8n's database mode would read it whole, then refuse it.
	await refuseOverDatabaseCap(ctx, request, response, length);
	// A body from the download thread is checked there (idle time, length) already.
	const body =
		response.body instanceof ThreadBody
			? response.body
			: guardedBody(response.body as NodeJS.ReadableStream, length, reliability.timeoutMs);
	try {
		const stored = await ctx.helpers.prepareBinaryData(body, fileName(mimeType), mimeType);
		// Only now has n8n's store written every chunk: the thread's shared memory may serve the next download.
		if (body instanceof ThreadBody) body.recycle();
		return stored;
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `${request.what} failed: ${(error as Error).message}`, {
			itemIndex: request.itemIndex,
			description: 'Nothing was kept of the partial file. Run the item again to retry the download.',
		});
	}
}

async function jsonInsteadOfFile(
	ctx: IExecuteFunctions,
	vendor: Vendor,
	request: DownloadRequest,
	response: VendorResponse,
): Promise<NodeOperationError> {
	const body = parseJsonBody(await readSmallBody(response.body));
	const info = vendor.parseError(response.statusCode, body);
	return new NodeOperationError(
		ctx.getNode(),
		`${request.what} failed: ${vendor.name} answered with a message instead of the file: "${info.message}"${info.code ? ` (code ${info.code})` : ''}`,
		{ itemIndex: request.itemIndex, description: [info.hint, info.details, 'No file was stored.'].filter(Boolean).join(' ') },
	);
}

function expectedLength(response: VendorResponse): number | undefined {
	const value = header(response.headers, 'content-length');
	const length = value !== undefined && value !== '' ? Number(value) : undefined;
	return length !== undefined && Number.isFinite(length) ? length : undefined;
}

/**
 * One attempt from the download thread, signed by the same `authenticate` of the credential
 * type that signs n8n's requests. Falls back to n8n's client when the thread is gone.
 */
const sendFromDownloadThread: SendAttempt = async (ctx, vendor, request, options) => {
	const credentials = request.credentials;
	if (!credentials) return await sendThroughN8n(ctx, vendor, request, options);
	const signed = (await vendor.credentialType.authenticate(credentials, {
		...options,
		headers: { ...(options.headers ?? {}) },
	})) as IHttpRequestOptions;
	// Network errors reject as n8n's client would; the send loop turns them into n8n errors.
	const answer = await sendInDownloadThread(
		{ url: signed.url, headers: (signed.headers ?? {}) as Record<string, string>, timeoutMs: options.timeout as number },
		ctx.getExecutionCancelSignal?.(),
	);
	// No answer: the thread stopped before the answer started, so n8n's client sends the request.
	return answer ?? (await sendThroughN8n(ctx, vendor, request, options));
};
