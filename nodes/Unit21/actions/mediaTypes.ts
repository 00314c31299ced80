// The media_type values Unit21 recognises, and its 5 MB limit per file.
import type { INodePropertyOptions } from 'n8n-workflow';

/** The media_type values Unit21 recognises (any other string is accepted too). */
export const MEDIA_TYPES: INodePropertyOptions[] = [
	{ name: 'Driver\'s License (Back)', value: 'IMAGE_DRIVERS_LICENSE_BACK' },
	{ name: 'Driver\'s License (Front)', value: 'IMAGE_DRIVERS_LICENSE_FRONT' },
	{ name: 'Face Image', value: 'IMAGE_FACE_IMAGE' },
	{
		name: 'From the Item',
		value: 'fromItem',
		description: 'The unit21MediaType of each item, set by Sumsub List Documents and Veriff List Session Media',
	},
	{ name: 'ID Card (Back)', value: 'IMAGE_ID_CARD_BACK' },
	{ name: 'ID Card (Front)', value: 'IMAGE_ID_CARD_FRONT' },
	{ name: 'Passport (Front)', value: 'IMAGE_PASSPORT_FRONT' },
	{ name: 'Profile Picture', value: 'IMAGE_PROFILE_PICTURE' },
	{ name: 'Check (Front, Events)', value: 'IMAGE_CHECK_FRONT' },
	{ name: 'Check (Back, Events)', value: 'IMAGE_CHECK_BACK' },
	{ name: 'None', value: 'none', description: 'Send no media_type (not allowed for events)' },
	{ name: 'Other…', value: 'other', description: 'Type any other media_type below' },
];

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
