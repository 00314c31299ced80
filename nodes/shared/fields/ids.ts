// Ids that go into URL paths, checked for the vendor's format before anything is sent; comma-separated field lists.
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_OBJECT_ID = /^[0-9a-f]{24}$/i;
// Ids that go into a URL path: no separators, no dot-segments, no encoded separators,
// no whitespace or control characters (hasControlCharacter). Everything else is percent-encoded when sent.
const PATH_UNSAFE = /[/\\\s]|%2f|%5c|%2e%2e|^\.{1,2}$/i;
// Unit21 entity ids (openapi `entityId`): 1–128 characters of -_:.@a-zA-Z0-9!#$%&*+/=?^`{' — "/", "#"
// and "?" included, so they are percent-encoded as one path segment. "." or ".." alone would still
// be a dot-segment after encoding, so those two are refused.
const UNIT21_ENTITY_ID = /^[-_:.@a-zA-Z0-9!#$%&*+/=?^`{']{1,128}$/;
// Half of a UTF-16 surrogate pair on its own: such text cannot be put into a URL at all.
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text holds a C0 control character (U+0000–U+001F) or DEL (U+007F). */
export function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code <= 0x1f || code === 0x7f) return true;
	}
	return false;
}

export type IdFormat = 'uuid' | 'hexObjectId' | 'pathSafe' | 'unit21EntityId';

const FORMAT_HINT: Record<IdFormat, string> = {
	uuid: 'a UUID such as aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7',
	hexObjectId: 'a 24-character hexadecimal id such as 5e9412223cc1813b4db0b0e4',
	pathSafe: 'an id without "/", "\\", "..", spaces or control characters',
	unit21EntityId: 'your own ID in Unit21\'s entity ID format: 1–128 letters, digits or -_:.@!#$%&*+/=?^`{\' (not "." or ".." alone)',
};

function describe(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	if (text === undefined) return 'nothing';
	return text.length > 60 ? `"${text.slice(0, 57)}…"` : `"${text}"`;
}

/**
 * Reads a string parameter that becomes a path segment and checks it has the vendor's id
 * format. Throws a NodeOperationError naming the field and the item otherwise.
 */
export function getIdParameter(
	ctx: IExecuteFunctions,
	parameterName: string,
	displayName: string,
	itemIndex: number,
	format: IdFormat,
): string {
	const raw = ctx.getNodeParameter(parameterName, itemIndex, '') as unknown;
	return validateId(ctx, raw, displayName, itemIndex, format);
}

export function validateId(
	ctx: IExecuteFunctions,
	raw: unknown,
	displayName: string,
	itemIndex: number,
	format: IdFormat,
): string {
	const value = typeof raw === 'number' ? String(raw) : raw;
	if (typeof value !== 'string' || value.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `${displayName} is empty (item ${itemIndex})`, {
			itemIndex,
			description: `Set "${displayName}" to ${FORMAT_HINT[format]}. If it comes from an expression, check that the previous node outputs that field for this item.`,
		});
	}
	const ok =
		format === 'uuid'
			? UUID.test(value)
			: format === 'hexObjectId'
				? HEX_OBJECT_ID.test(value)
				: format === 'unit21EntityId'
					? UNIT21_ENTITY_ID.test(value) && !/^\.{1,2}$/.test(value)
					: !PATH_UNSAFE.test(value) && !hasControlCharacter(value) && !LONE_SURROGATE.test(value);
	if (!ok) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${displayName} ${describe(value)} is not valid (item ${itemIndex})`,
			{ itemIndex, description: `"${displayName}" must be ${FORMAT_HINT[format]}.` },
		);
	}
	return value;
}

/** A binary property name list such as "data, data_1" → ["data", "data_1"]. */
export function parsePropertyList(value: string): string[] {
	return value
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
}
