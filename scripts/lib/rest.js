'use strict';
/** Small helpers for n8n's REST API (owner setup, login, credential test, activation). */

const DEMO_OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'Owner', password: 'KycMedia-demo-1' };

/** Creates the instance owner on a fresh n8n; returns false when an owner already exists. */
async function setupOwner(baseUrl, owner = DEMO_OWNER) {
	// The REST API comes up a moment after /healthz: retry for a while.
	for (let attempt = 0; attempt < 60; attempt++) {
		const res = await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(owner),
		}).catch(() => undefined);
		if (res?.ok) return true;
		if (res && res.status === 400) return false; // an owner exists already
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	return false;
}

/** Logs in and returns the auth cookie header value. */
async function login(baseUrl, owner = DEMO_OWNER) {
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }),
	});
	if (!res.ok) throw new Error(`login failed: HTTP ${res.status} ${await res.text()}`);
	const cookie = res.headers.get('set-cookie');
	if (!cookie) throw new Error('login returned no cookie');
	return cookie.split(';')[0];
}

async function restCall(baseUrl, cookie, method, path, body) {
	const res = await fetch(`${baseUrl}/rest${path}`, {
		method,
		headers: { 'Content-Type': 'application/json', cookie, 'browser-id': 'kyc-media-e2e' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = { raw: text };
	}
	return { status: res.status, body: json };
}

module.exports = { DEMO_OWNER, setupOwner, login, restCall };
