import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The same page tests in both DOMs a frontend team picks (one file, two projects), and the built
// page in Chromium and the editor's auto-import (Node: they drive a browser, the TypeScript language service).
const dom = (environment: 'jsdom' | 'happy-dom') => ({
  plugins: [react()],
  test: {
    name: `admin-react (${environment})`,
    environment,
    include: ['test/**/*.test.tsx'],
    typecheck: { enabled: environment === 'jsdom', include: ['test/**/*.test-d.tsx'], tsconfig: './tsconfig.json' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      dom('jsdom'),
      dom('happy-dom'),
      {
        test: {
          name: 'admin-react (node)',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
