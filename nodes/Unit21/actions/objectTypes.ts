// The four Unit21 object types media can be linked to (entity, event, alert, case), how each is addressed, and their ID fields.
import type { INodeProperties } from 'n8n-workflow';

/** The four Unit21 objects media can be linked to, and how each is addressed. */
export const OBJECT_TYPES = {
	entity: { label: 'Entity', idParameter: 'entityId', idLabel: 'Entity ID', inOrg: true, collection: 'entities' },
	event: { label: 'Event', idParameter: 'eventId', idLabel: 'Event ID', inOrg: true, collection: 'events' },
	alert: { label: 'Alert', idParameter: 'alertId', idLabel: 'Alert ID', inOrg: false, collection: 'alerts' },
	case: { label: 'Case', idParameter: 'caseId', idLabel: 'Case ID', inOrg: false, collection: 'cases' },
} as const;

export type ObjectType = keyof typeof OBJECT_TYPES;

export const OBJECT_TYPE_NAMES = Object.keys(OBJECT_TYPES) as ObjectType[];

/** One ID field per object type, shown only for that resource's Add Media operation. */
export const objectIdFields: INodeProperties[] = OBJECT_TYPE_NAMES.map((type) => {
	const object = OBJECT_TYPES[type];
	return {
		displayName: object.idLabel,
		name: object.idParameter,
		type: 'string',
		required: true,
		default: '',
		placeholder: object.inOrg ? 'e.g. cust-1001' : 'e.g. 4242',
		description: object.inOrg
			? `Your own ID of the ${type} (the ${type}_id you sent to Unit21, not the unit21_id)`
			: `The Unit21 ID of the ${type}`,
		displayOptions: { show: { resource: [type], operation: ['addMedia'] } },
	};
});

