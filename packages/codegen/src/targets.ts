import type { Target } from './target.js';

/**
 * Every target of `pnpm generate`. The SDK comes first: it starts a Java
 * process, which runs while the TypeScript targets work. Each module is
 * imported when its target runs, so the CLI's main thread, which only lints,
 * never loads the generators' libraries (the worker does, meanwhile).
 */
export const targets: readonly Target[] = [
  { name: 'sdk', generate: async (spec) => (await import('./targets/sdk.js')).sdk(spec) },
  { name: 'client', generate: async (spec) => (await import('./targets/client.js')).client(spec) },
  { name: 'validation', generate: async (spec) => (await import('./targets/validation.js')).validation(spec) },
  { name: 'mocks', generate: async (spec) => (await import('./targets/mocks.js')).mocks(spec) },
  { name: 'query', generate: async (spec) => (await import('./targets/query.js')).query(spec) },
];
