import type { Target } from './target.js';

/**
 * Every target of `pnpm generate`. The SDK comes first: it starts a Java
 * process (synchronously, before its first await), which runs on the other
 * core while the TypeScript targets work. Each module is imported when its
 * target runs, so `--targets mocks` never loads openapi-typescript. `uses`
 * lists the targets whose names a target's output refers to.
 */
export const targets: readonly Target[] = [
  {
    name: 'sdk',
    uses: ['client'],
    generate: async (spec, names) => (await import('./targets/sdk.js')).sdk(spec, names),
  },
  {
    name: 'client',
    uses: ['validation'],
    generate: async (spec, names) => (await import('./targets/client.js')).client(spec, names),
  },
  {
    name: 'validation',
    generate: async (spec, names) => (await import('./targets/validation.js')).validation(spec, names),
  },
  {
    name: 'mocks',
    uses: ['client', 'validation'],
    generate: async (spec, names) => (await import('./targets/mocks.js')).mocks(spec, names),
  },
  {
    name: 'query',
    uses: ['client'],
    generate: async (spec, names) => (await import('./targets/query.js')).query(spec, names),
  },
];
