// Unit21 → Get Entity: an entity by your own id, e.g. to read the Veriff session or Sumsub applicant kept in its custom_data.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getIdParameter } from '../../../shared/fields/ids';
import { optionsCollection, reliabilityOptionFields } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { unit21, unit21OrgSegment } from '../../transport';
import { entityIdField } from './fields';

const show = { resource: ['entity'], operation: ['get'] };

export const description: INodeProperties[] = [
	entityIdField(show, '={{ $json.entityIds?.[0] ?? $json.entity_id }}'),
	optionsCollection(show, [...reliabilityOptionFields]),
];

async function prepare(this: IExecuteFunctions, i: number): Promise<string> {
	return getIdParameter(this, 'entityId', 'Entity ID', i, 'unit21EntityId');
}

async function execute(this: IExecuteFunctions, entityId: string, i: number): Promise<INodeExecutionData[]> {
	const connection = await unit21.connect(this, i);
	const entity = await unit21.getJson<IDataObject>(
		this,
		connection,
		`/${unit21OrgSegment(this, connection, i)}/entities/${encodeURIComponent(entityId)}`,
		i,
		`Getting Unit21 entity ${entityId}`,
	);
	const general = (entity.general_data ?? {}) as IDataObject;
	return [{ json: { entityId: general.entity_id ?? entityId, ...entity, custom_data: entity.custom_data ?? {} } }];
}

export const get: Operation<string> = { description, prepare, execute };
