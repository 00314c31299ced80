// The shapes the transport works with: a vendor's rules, one request, one response.
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';

/** What a vendor's error body says, in the vendor's own words. */
export interface VendorErrorInfo {
	message: string;
	code?: string;
	/** What the user should check, e.g. "the Shared Secret Key of the credential". */
	hint?: string;
	/** Extra identifiers worth quoting to the vendor's support (e.g. Sumsub's correlationId). */
	details?: string;
}

/** A credential type that signs requests with its own `authenticate` function. */
export type SigningCredentialType = ICredentialType & {
	authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions>;
};

/**
 * Everything the shared transport needs to know about one vendor. Each vendor's
 * `transport.ts` fills this in; nothing else in the package knows a vendor's rules.
 */
export interface Vendor {
	name: string;
	/** The credential type: its name is handed to n8n's request helper and its `authenticate` signs every request. */
	credentialType: SigningCredentialType;
	/** Statuses worth retrying for a request that can safely be repeated. */
	retryableStatuses: number[];
	/** Statuses by which the vendor says it refused the request without applying it. */
	refusedStatuses: number[];
	/** The vendor's message, code and a hint, read from an error answer. */
	parseError(status: number, body: unknown): VendorErrorInfo;
	/** Waits until a request may be sent under the vendor's rate limit. */
	beforeRequest?(method: string, rateLimitKey: string): Promise<void>;
	/**
	 * The length of the vendor's rate-limit window, when it is known and a 429 says nothing about
	 * when to come back (Sumsub: 5 s, no Retry-After). Other processes (queue-mode workers) share
	 * the limit, so a 429 then waits for the next window instead of spending its retries in this one.
	 */
	rateLimitWindowMs?: number;
}

export interface VendorRequest {
	method: IHttpRequestMethods;
	url: string;
	headers?: Record<string, string>;
	/** Builds the body for one attempt; called again for a retry (streams are read once). */
	body?: () => Promise<{ body: unknown; headers?: Record<string, string> }>;
	responseType: 'json' | 'stream';
	/** True when the request changes the vendor's data: it is then only resent when refused. */
	changesData: boolean;
	itemIndex: number;
	/** Says what the request does, for error messages: "Downloading Veriff media 1234". */
	what: string;
	/** Requests with the same key share the vendor's rate limit (e.g. one per app token). */
	rateLimitKey?: string;
	/**
	 * The decrypted credential (read once per node run). Handed to n8n's helper, which
	 * otherwise loads and decrypts it again for every request.
	 */
	credentials?: ICredentialDataDecryptedObject;
}

/** An answer; a streamed body is n8n's response stream (an http.IncomingMessage) or the download thread's. */
export interface VendorResponse<Body = Buffer | NodeJS.ReadableStream> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: Body;
}
