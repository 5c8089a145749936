import { defineProject } from 'vitest/config';

// One temporary copy of the repo and one install serve every step, so the
// steps run in order, in one file, with generous limits for a busy 2-core machine.
export default defineProject({
  test: {
    name: 'release-test',
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
