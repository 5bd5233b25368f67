import { defineConfig } from 'vitest/config';

// Three projects so each can be run alone: unit tests are pure; integration tests start real
// servers on 127.0.0.1:0, real SQLite files and a real keychain (see scripts/with-keyring.sh);
// e2e tests drive the built window in Debian's Chromium against `serve` (run `npm run build`
// first; `npm test` does).
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
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
