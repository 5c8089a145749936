import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mocks',
    include: ['test/**/*.test.ts'],
    typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
