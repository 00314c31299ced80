// The shape of Veriff's attempts list.
export interface VeriffAttempt {
	id: string;
	status?: string;
	createdTime?: string;
	userDefinedData?: unknown;
}

/** GET /v1/sessions/{id}/attempts — newest first. */
export interface VeriffAttemptList {
	status?: string;
	verifications?: VeriffAttempt[];
}
