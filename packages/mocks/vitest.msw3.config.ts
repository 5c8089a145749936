import { defineConfig } from 'vitest/config';

/**
 * The package's tests on msw 3 (Node 22.12+; the Node matrix runs it, see
 * scripts/node-matrix.json): every `msw` import, the tests' and src/'s, resolves
 * to the `msw3` devDependency (npm:msw@3), one copy, as in an app that
 * installed msw 3. Left out: what runs msw in another process (the CLI tests
 * and the memory test's child), which loads the package's msw 2 whatever
 * this config says.
 */
export default defineConfig({
  resolve: { alias: [{ find: /^msw(\/.*)?$/, replacement: 'msw3$1' }] },
  test: {
    name: 'mocks on msw 3',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    include: ['test/**/*.test.ts'],
    exclude: ['test/bin.test.ts'],
    testNamePattern: /^(?!.*\(child process)/,
    env: { MSW_LINE: '3' },
  },
});
