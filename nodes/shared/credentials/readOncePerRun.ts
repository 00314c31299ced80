// A node's credential, read once per node run and shared by all its items.
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

const readPerRun = new WeakMap<IExecuteFunctions, Map<string, Promise<ICredentialDataDecryptedObject>>>();

/**
 * The node's credential of `type`, read once per node run and shared by all its items.
 *
 * Every `getCredentials` call makes n8n load the credential from its database, decrypt it
 * and resolve its fields again, for every item (bench/README.md has what that cost). Like n8n's own nodes (which read credentials for item 0),
 * credential fields written as expressions are resolved once, for the first item that asks.
 */
export async function readOncePerRun(
	ctx: IExecuteFunctions,
	type: string,
	itemIndex: number,
): Promise<ICredentialDataDecryptedObject> {
	let byType = readPerRun.get(ctx);
	if (!byType) {
		byType = new Map();
		readPerRun.set(ctx, byType);
	}
	let credentials = byType.get(type);
	if (!credentials) {
		credentials = ctx.getCredentials(type, itemIndex);
		byType.set(type, credentials);
	}
	return await credentials;
}
