import { defineConfig } from 'vitest/config';

// Two projects so each can be run alone: unit tests are pure; integration tests start real
// servers on 127.0.0.1:0, real SQLite files and a real keychain (see scripts/with-keyring.sh).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
