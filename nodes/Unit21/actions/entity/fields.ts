// The Entity ID field of the entity operations (your own id of the customer, not Unit21's).
import type { INodeProperties } from 'n8n-workflow';

export function entityIdField(show: Record<string, string[]>, defaultValue: string): INodeProperties {
	return {
		displayName: 'Entity ID',
		name: 'entityId',
		type: 'string',
		required: true,
		default: defaultValue,
		placeholder: 'e.g. cust-1001',
		description:
			'Your own ID of the entity (the entity_id you sent to Unit21, not the unit21_id). Any characters Unit21 allows, incl. "/" or "#", are escaped in the path.',
		displayOptions: { show },
	};
}
