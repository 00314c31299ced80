// A Unit21 webhook body made ready for the next node: type, ids, entity ids, action name, and a delivery id for deduplication.
import type { IDataObject } from 'n8n-workflow';

export interface Unit21Delivery extends IDataObject {
	/** ALERT_ACTION_TRIGGERED, CASE_CREATED, ENTITY_FLAGGED, … */
	eventType: string;
	objectType: string | null;
	/** Unit21's own id of the object (alerts and cases are addressed by it). */
	unit21Id: string | null;
	/** Your own id of the object, where the payload carries one (alert_id, case_id, entity_id, event_id). */
	objectId: string | null;
	entityIds: string[];
	actionName: string | null;
	changeTime: number | null;
	/** The same for a repeated call of the same change: what the trigger's replay guard (or a Remove Duplicates node) keys on. */
	deliveryId: string;
}

const text = (value: unknown): string | null => (value === undefined || value === null || value === '' ? null : String(value));

/*
 * Unit21 documents the body as object_type + change + unit21_id + change_time plus the
 * object's fields; a field naming the webhook type, and where an action button's name is,
 * are UNCONFIRMED: the type is read from webhook_type / event_type when present, else built
 * from object_type and change; the action name from action_name, action.name, or action.
 */
export function unit21Delivery(payload: IDataObject): Unit21Delivery {
	const objectType = text(payload.object_type)?.toUpperCase() ?? null;
	const change = text(payload.change)?.toUpperCase() ?? '';
	const named = text(payload.webhook_type ?? payload.event_type)?.toUpperCase();
	const eventType =
		named ?? (objectType && change && !change.startsWith(`${objectType}_`) && !change.startsWith('VERIFICATION') ? `${objectType}_${change}` : change);
	const action = payload.action as IDataObject | string | undefined;
	const actionName = text(payload.action_name ?? (typeof action === 'object' && action !== null ? action.name : action));
	const entities = Array.isArray(payload.entities) ? (payload.entities as IDataObject[]) : [];
	const entityIds = [
		...new Set([...entities.map((entity) => text(entity?.entity_id)), text(payload.entity_id)].filter((id): id is string => id !== null)),
	];
	const objectId = text(
		objectType === 'ALERT' ? payload.alert_id : objectType === 'CASE' ? payload.case_id : objectType === 'EVENT' ? payload.event_id : payload.entity_id,
	);
	const changeTime = Number(payload.change_time);
	const unit21Id = text(payload.unit21_id);
	return {
		eventType,
		objectType,
		unit21Id,
		objectId,
		entityIds,
		actionName,
		changeTime: Number.isFinite(changeTime) ? changeTime : null,
		deliveryId: [eventType, objectType, unit21Id ?? objectId, actionName, text(payload.change_time)].map((part) => part ?? '').join(':'),
	};
}
