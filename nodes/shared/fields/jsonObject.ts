// JSON parameters that must hold an object (Custom Data, overrides, user data): parsed once, a clear error otherwise.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * The object a JSON parameter holds (typed as text or set by an expression), undefined when
 * empty or `{}`. Anything else fails naming the field and the item. (Not n8n's jsonParse with
 * an undefined fallback: it ignores that fallback and rethrows a bare SyntaxError.)
 */
export function readJsonObject(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	example: string,
): IDataObject | undefined {
	if (value === undefined || value === null || value === '' || value === '{}') return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			parsed = undefined;
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(ctx.getNode(), `${field} is not a JSON object (item ${itemIndex})`, {
			itemIndex,
			description: `Enter a JSON object such as ${example}.`,
		});
	}
	return parsed as IDataObject;
}
