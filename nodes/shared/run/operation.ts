// The contract of one operation: `prepare` validates an item and sends nothing, `execute` does its requests.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * One operation of a node, in two phases:
 * - `prepare` reads and validates the item's parameters and sends nothing, so bad input
 *   fails before any request of the run is made;
 * - `execute` does the requests for a prepared item.
 */
export interface Operation<Plan = unknown> {
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): Promise<Plan>;
	execute(this: IExecuteFunctions, plan: Plan, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** resource → operation → implementation */
export type OperationMap = Record<string, Record<string, Operation<unknown>>>;
