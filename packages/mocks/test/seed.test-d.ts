/** What the store seed's type promises: the operation's path members by their exact names, its response body. */
import { describe, expectTypeOf, it } from 'vitest';
import { type ChimeStoreSeed, createChimeMocks } from '../src/index.js';

describe('the store seed type', () => {
  it('takes the path members and a body of the response', () => {
    const seed: ChimeStoreSeed = { path: { AccountId: 'a1', UserId: 'u1' }, body: { User: { UserId: 'u1' } } };
    createChimeMocks({ store: { seed: [seed] } });
    expectTypeOf<ChimeStoreSeed['path']>().toEqualTypeOf<{ AccountId: string; UserId: string }>();
  });

  it('refuses a lower-case path member', () => {
    const seed: ChimeStoreSeed = {
      // @ts-expect-error: the path members are AccountId and UserId
      path: { accountId: 'a1', UserId: 'u1' },
      body: { User: { UserId: 'u1' } },
    };
    expectTypeOf(seed).toEqualTypeOf<ChimeStoreSeed>();
  });

  it('refuses a licence the spec does not list, and a member it does not define', () => {
    const gold: ChimeStoreSeed = {
      path: { AccountId: 'a1', UserId: 'u1' },
      // @ts-expect-error: not a licence
      body: { User: { UserId: 'u1', LicenseType: 'Gold' } },
    };
    const extra: ChimeStoreSeed = {
      path: { AccountId: 'a1', UserId: 'u1' },
      // @ts-expect-error: User has no Nickname
      body: { User: { UserId: 'u1', Nickname: 'x' } },
    };
    createChimeMocks({ store: { seed: [gold, extra] } });
  });
});
