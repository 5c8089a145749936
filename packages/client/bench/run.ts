/**
 * @chime-api/client benchmarks (pnpm bench):
 * 1. per-call overhead over a raw fetch, unsigned and signed, with a stubbed fetch;
 * 2. browser bundle of one signed, retrying updateUser call beside the AWS
 *    SDK's ChimeClient + UpdateUserCommand, bundled the same way in this run
 *    (createChimeClient, and createChimeBaseClient + the standalone
 *    updateUser; the /core entry's size printed beside them).
 */
import { join } from 'node:path';
import { bundleSize, kb, measure, report } from '@chime-api/test-kit/bench';
import { createChimeClient } from '../src/index.js';

const url = 'https://chime.us-east-1.amazonaws.com/accounts/a1/users/u1';
const body = JSON.stringify({
  User: { UserId: 'u1', AccountId: 'a1', LicenseType: 'Pro', RegisteredOn: '2019-05-01T16:02:35Z' },
});
const stub = async (request: Request) => {
  await request.text(); // a real fetch sends the body
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
};
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const unsigned = createChimeClient({ fetch: stub });
const signed = createChimeClient({ fetch: stub, credentials });
const input = { AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' } as const;

const t = await measure(
  {
    'raw fetch + JSON': async () => {
      const response = await stub(
        new Request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ LicenseType: 'Pro' }),
        }),
      );
      if (!response.ok) throw new Error('failed');
      await response.json();
    },
    'client, unsigned': () => unsigned.updateUser(input),
    'client, signed (SigV4)': () => signed.updateUser(input),
  },
  4_000,
  8,
);

const here = import.meta.dirname;
const ours = await bundleSize(
  `import { createChimeClient } from '@chime-api/client';
   const chime = createChimeClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, retry: { maxAttempts: 3 } });
   chime.updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' }).then(console.log);`,
  join(here, '..'),
);
// the same call through the table-free client and its standalone function, and the /core entry (no signing, no retries)
const standalone = await bundleSize(
  `import { createChimeBaseClient, updateUser } from '@chime-api/client';
   const chime = createChimeBaseClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, retry: { maxAttempts: 3 } });
   updateUser(chime, { AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' }).then(console.log);`,
  join(here, '..'),
);
const core = await bundleSize(
  `import { createChimeClient } from '@chime-api/client/core';
   createChimeClient().updateUser({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' }).then(console.log);`,
  join(here, '..'),
);
const aws = await bundleSize(
  `import { ChimeClient, UpdateUserCommand } from '@aws-sdk/client-chime';
   const client = new ChimeClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 3 });
   client.send(new UpdateUserCommand({ AccountId: 'a1', UserId: 'u1', LicenseType: 'Pro' })).then(console.log);`,
  join(here, '..'),
);
console.log(
  `\nbundle (esbuild, minified, gzip -9): @chime-api/client ${kb(ours.gzip)} (${kb(ours.min)} min); @aws-sdk/client-chime ${kb(aws.gzip)} (${kb(aws.min)} min)`,
);
console.log(
  `createChimeBaseClient + updateUser ${kb(standalone.gzip)} (${kb(standalone.min)} min); /core createChimeClient ${kb(core.gzip)} (${kb(core.min)} min)`,
);

const raw = t['raw fetch + JSON']?.meanMs as number;
report('@chime-api/client', [
  {
    name: 'call overhead, unsigned (client ÷ raw fetch, mean latency)',
    value: (t['client, unsigned']?.meanMs as number) / raw,
    op: '<=',
    target: 1.3,
    detail: `${((t['client, unsigned']?.meanMs as number) * 1000).toFixed(1)} µs vs ${(raw * 1000).toFixed(1)} µs`,
  },
  {
    name: 'call overhead, signed (client ÷ raw fetch, mean latency)',
    value: (t['client, signed (SigV4)']?.meanMs as number) / raw,
    op: '<=',
    detail: `${((t['client, signed (SigV4)']?.meanMs as number) * 1000).toFixed(1)} µs; SigV4 hashing and HMACs dominate`,
  },
  {
    name: 'bundle size (client ÷ AWS SDK, gzip)',
    value: ours.gzip / aws.gzip,
    op: '<=',
    target: 1 / 8,
    detail: `${kb(ours.gzip)} vs ${kb(aws.gzip)}`,
  },
  {
    name: 'bundle size, createChimeBaseClient + updateUser (÷ AWS SDK, gzip)',
    value: standalone.gzip / aws.gzip,
    op: '<=',
    target: 1 / 8,
    detail: `${kb(standalone.gzip)} vs ${kb(aws.gzip)}`,
  },
]);
