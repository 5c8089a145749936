import { defineProject } from 'vitest/config';

export default defineProject({
  // @chime-api/validation's engine and formats from source, as `pnpm generate` reads them (bin/codegen.mjs)
  // (Vite's default server conditions after it)
  ssr: { resolve: { conditions: ['chime-source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'codegen',
    include: ['test/**/*.test.ts'],
    // a busy 2-core CI machine runs every package's suite side by side: no test may fail for being slow
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
