import { defineProject } from 'vitest/config';

// `dedupe` resolves every `msw` import, @chime-api/mocks' own included, from
// this package: msw 3, one copy, as npm and pnpm do for the app's peer.
// Without it the linked workspace package would load its devDependency (msw 2).
export default defineProject({
  resolve: { dedupe: ['msw'] },
  test: { name: 'msw3-consumer', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
