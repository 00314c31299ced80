/** Unit and integration tests (the end-to-end suite in a real n8n is `npm run test:e2e`). */
module.exports = {
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
