// File names for downloads: an extension from the MIME type, characters safe everywhere.

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/png': 'png',
	'image/heif': 'heif',
	'image/heic': 'heic',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'image/tiff': 'tiff',
	'application/pdf': 'pdf',
	'application/json': 'json',
	'application/octet-stream': 'bin',
	'video/webm': 'webm',
	'video/mp4': 'mp4',
	'video/quicktime': 'mov',
	'text/plain': 'txt',
};

/** File extension for the MIME types the vendors document; "bin" otherwise. */
export function extensionFor(mimeType: string): string {
	return EXTENSIONS[mimeType.split(';')[0].trim().toLowerCase()] ?? 'bin';
}

/** A file name safe for any file system and for Unit21 (which needs an extension). */
export function safeFileName(base: string, mimeType: string): string {
	const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120) || 'file';
	return `${cleaned}.${extensionFor(mimeType)}`;
}
