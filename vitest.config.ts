import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/security/**/*.test.ts',
      'main/**/*.test.ts',
      'shared/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // better-sqlite3 is a native addon: forks are the safe pool for it.
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
  },
});
