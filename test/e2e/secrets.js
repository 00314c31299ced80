'use strict';
/** Which of the given secret values occur in `text` (returns names masked, never the values). */
function secretValuesIn(text, secrets) {
	return secrets.filter((secret) => secret && secret.length >= 6 && text.includes(secret)).map((s) => `${s.slice(0, 3)}…(${s.length} chars)`);
}
module.exports = { secretValuesIn };
