import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'admin-web', include: ['test/**/*.test.ts'] },
});
