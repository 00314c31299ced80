// The one vendor client: each vendor configures it (API root, credential checks, rate limit key, response check); operations call it.
import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, ICredentialDataDecryptedObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { createHash } from 'node:crypto';

import { readOncePerRun } from '../credentials/readOncePerRun';
import { downloadToBinary } from '../download/downloadToBinary';
import type { DownloadRequest } from '../download/downloadToBinary';
import { readReliabilityOptions } from './reliability';
import { sendForJson } from './send';
import type { Vendor, VendorRequest, VendorResponse } from './types';

/** A vendor's rules (types.ts) plus how to reach it with a credential. */
export interface VendorClientConfig extends Vendor {
	/** The API root the credential points at, e.g. https://stationapi.veriff.com/v1. */
	apiRoot(credentials: ICredentialDataDecryptedObject): string;
	/** What makes the credential unusable, as a sentence naming the credential field; undefined when it is fine. */
	credentialProblem(credentials: ICredentialDataDecryptedObject): string | undefined;
	/** The credential field whose value a rate limit is shared by (e.g. Sumsub's app token). */
	rateLimitField?: string;
	/** Checks a JSON answer before it is used; returns why it must not be trusted. */
	responseProblem?(
		response: VendorResponse<Buffer>,
		credentials: ICredentialDataDecryptedObject,
	): { message: string; description: string } | undefined;
}

/** One credential of the vendor, checked and ready for the item's requests. */
export interface VendorConnection {
	apiRoot: string;
	rateLimitKey: string;
	credentials: ICredentialDataDecryptedObject;
}

/** A request as operations write it: a path under the API root, already escaped. */
export interface ClientRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: VendorRequest['body'];
	/** True when the request changes the vendor's data: it is then only resent when refused. */
	changesData: boolean;
	/** False skips the vendor's response check (the user's "Verify Response Signature" option). */
	checkResponse?: boolean;
}

export class VendorClient {
	constructor(readonly vendor: VendorClientConfig) {}

	/** The node's credential for this vendor (read once per run), checked before anything is sent. */
	async connect(ctx: IExecuteFunctions, itemIndex: number): Promise<VendorConnection> {
		const credentials = await readOncePerRun(ctx, this.vendor.credentialType.name, itemIndex);
		const problem = this.vendor.credentialProblem(credentials);
		if (problem) throw new NodeOperationError(ctx.getNode(), `${problem} (item ${itemIndex})`, { itemIndex });
		const rateLimitValue = this.vendor.rateLimitField ? String(credentials[this.vendor.rateLimitField] ?? '') : '';
		return {
			apiRoot: this.vendor.apiRoot(credentials),
			// A hash: the key is kept in memory for the process' lifetime and must not hold a secret.
			rateLimitKey: createHash('sha256').update(rateLimitValue).digest('hex').slice(0, 16),
			credentials,
		};
	}

	/** Sends a request whose answer is JSON; checks the answer the vendor's way and returns it parsed. */
	async json<T>(ctx: IExecuteFunctions, connection: VendorConnection, request: ClientRequest, itemIndex: number, what: string): Promise<T> {
		const { data, response } = await sendForJson<T>(
			ctx,
			this.vendor,
			{
				method: request.method,
				url: `${connection.apiRoot}${request.path}`,
				body: request.body,
				changesData: request.changesData,
				itemIndex,
				what,
				rateLimitKey: connection.rateLimitKey,
				credentials: connection.credentials,
			},
			readReliabilityOptions(ctx, itemIndex),
		);
		const problem = request.checkResponse === false ? undefined : this.vendor.responseProblem?.(response, connection.credentials);
		if (problem) {
			throw new NodeOperationError(ctx.getNode(), `${what} failed: ${problem.message}`, { itemIndex, description: problem.description });
		}
		return data;
	}

	/** GET of a JSON resource. */
	async getJson<T>(
		ctx: IExecuteFunctions,
		connection: VendorConnection,
		path: string,
		itemIndex: number,
		what: string,
		checkResponse = true,
	): Promise<T> {
		return await this.json<T>(ctx, connection, { method: 'GET', path, changesData: false, checkResponse }, itemIndex, what);
	}

	/** Downloads a file into n8n's binary store; `fileName` gets the MIME type the vendor sent. */
	async download(
		ctx: IExecuteFunctions,
		connection: VendorConnection,
		path: string,
		itemIndex: number,
		what: string,
		fileName: (mimeType: string) => string,
		options: Pick<DownloadRequest, 'headers' | 'jsonIsError'> = {},
	): Promise<IBinaryData> {
		return await downloadToBinary(
			ctx,
			this.vendor,
			{
				url: `${connection.apiRoot}${path}`,
				itemIndex,
				what,
				credentials: connection.credentials,
				rateLimitKey: connection.rateLimitKey,
				...options,
			},
			fileName,
		);
	}
}

/** The Base URL check every credential with a Base URL field shares. */
export function baseUrlProblem(vendorName: string, baseUrl: unknown, required = false): string | undefined {
	const value = String(baseUrl ?? '').trim();
	if (value === '' && !required) return undefined;
	return /^https?:\/\/[^\s/]+/i.test(value)
		? undefined
		: `The Base URL of the ${vendorName} credential must start with http:// or https://`;
}
