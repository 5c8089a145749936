import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'whole-api',
    include: ['test/**/*.test.ts'],
    // one tree is generated and built (about a minute on two cores) before the calls
    hookTimeout: 600_000,
    testTimeout: 60_000,
  },
});
