import { defineConfig } from 'vitest/config';

// `pnpm vitest` at the root runs every package's tests as one run; `pnpm test`
// runs them through turbo, package by package, with caching. The msw 3
// consumer needs Node 22.12+: the Node matrix runs it (pnpm test:matrix).
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'examples/*/vitest.config.ts',
      '!examples/msw3-consumer/vitest.config.ts',
    ],
  },
});
