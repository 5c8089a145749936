import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'wire',
    // a busy 2-core CI machine runs every package's suite side by side: no test may fail for being slow
    testTimeout: 60_000,
    include: ['test/**/*.test.ts'],
  },
});
