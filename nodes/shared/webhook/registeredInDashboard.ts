// The triggers' webhook lifecycle for n8n: each vendor's webhook is registered by hand in its dashboard, so n8n has nothing to create or delete there.
import type { IHookFunctions, INodeType } from 'n8n-workflow';

/**
 * n8n calls these when a workflow with the trigger is activated or deactivated. Veriff, Sumsub and
 * Unit21 take webhook URLs in their dashboards only (the node's notice says where), not through
 * an API this package could call, so the methods say so instead of pretending to register.
 */
export const registeredInVendorDashboard: NonNullable<INodeType['webhookMethods']> = {
	default: {
		// n8n cannot look into the vendor's dashboard; "not known" makes it call create() on activation.
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return false;
		},
		// Nothing to register through an API: the user pastes the Production URL into the dashboard.
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		// Nothing to remove through an API: once the workflow is inactive n8n answers the vendor's calls
		// with 404 until the URL is removed from the dashboard.
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	},
};
