/** Unit and integration tests (the end-to-end suite in a real n8n is `npm run test:e2e`). */
module.exports = {
	// The e2e work folder holds n8n user folders (each with a package.json): not modules of ours.
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/.work/'],
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/unit/**/*.test.ts', '**/integration/**/*.test.ts'],
	setupFiles: ['<rootDir>/test/helpers/env.js'],
	testTimeout: 30_000,
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json', diagnostics: { warnOnly: false } }],
	},
};
