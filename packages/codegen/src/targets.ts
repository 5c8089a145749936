import type { Target } from './target.js';

/**
 * Every target of `pnpm generate`. The SDK comes first: it starts a Java
 * process (synchronously, before its first await), which runs on the other
 * core while the TypeScript targets work. Each module is imported when its
 * target runs, so `--targets mocks` never loads openapi-typescript.
 */
export const targets: readonly Target[] = [
  { name: 'sdk', generate: async (spec) => (await import('./targets/sdk.js')).sdk(spec) },
  { name: 'client', generate: async (spec) => (await import('./targets/client.js')).client(spec) },
  { name: 'validation', generate: async (spec) => (await import('./targets/validation.js')).validation(spec) },
  { name: 'mocks', generate: async (spec) => (await import('./targets/mocks.js')).mocks(spec) },
  { name: 'query', generate: async (spec) => (await import('./targets/query.js')).query(spec) },
];
