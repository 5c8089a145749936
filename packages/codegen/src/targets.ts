import type { Target } from './target.js';
import { client } from './targets/client.js';
import { mocks } from './targets/mocks.js';
import { sdk } from './targets/sdk.js';
import { validation } from './targets/validation.js';

/**
 * Every target of `pnpm generate`. The SDK comes first: it starts a Java
 * process, which runs while the TypeScript targets work in this one.
 */
export const targets: readonly Target[] = [
  { name: 'sdk', generate: sdk },
  { name: 'client', generate: client },
  { name: 'validation', generate: validation },
  { name: 'mocks', generate: mocks },
];
