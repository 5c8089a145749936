/** What the store seed's type promises: the operation's path members by their exact names, its response body. */
import { describe, expectTypeOf, it } from 'vitest';
import { type ChimeStoreSeed, createChimeMocks } from '../src/index.js';

describe('the store seed type', () => {
  it('takes the path members and a body of the response', () => {
    createChimeMocks({
      store: { seed: [{ path: { AccountId: 'a1', UserId: 'u1' }, body: { User: { UserId: 'u1', LicenseType: 'Pro' } } }] },
    });
    expectTypeOf<ChimeStoreSeed['path']>().toEqualTypeOf<{ AccountId: string; UserId: string }>();
  });

  it('refuses a lower-case path member', () => {
    createChimeMocks({
      // @ts-expect-error: the path members are AccountId and UserId
      store: { seed: [{ path: { accountId: 'a1', UserId: 'u1' }, body: { User: { UserId: 'u1' } } }] },
    });
  });

  it('refuses a licence the spec does not list, and a member it does not define', () => {
    createChimeMocks({
      // @ts-expect-error: not a licence
      store: { seed: [{ path: { AccountId: 'a1', UserId: 'u1' }, body: { User: { UserId: 'u1', LicenseType: 'Gold' } } }] },
    });
    createChimeMocks({
      // @ts-expect-error: User has no Nickname
      store: { seed: [{ path: { AccountId: 'a1', UserId: 'u1' }, body: { User: { UserId: 'u1', Nickname: 'x' } } }] },
    });
  });
});
