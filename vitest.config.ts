import { defineConfig } from 'vitest/config';

// `pnpm vitest` at the root runs every package's tests as one run; `pnpm test`
// runs them through turbo, package by package, with caching.
export default defineConfig({
  test: { projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts'] },
});
