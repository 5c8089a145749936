/**
 * The client with @chime-api/validation, as a user combines them: the spec's
 * pattern messages (x-pattern-message) reach the client's validation errors
 * (blank path members are refused by the client's own check first), and a value the
 * client returned (dates as `Date`) validates through `toWire`.
 */
import { is, toWire, User, validate } from '@chime-api/validation';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChimeClient as createCore } from '../src/core.js';
import { type ChimeClientError, createChimeClient } from '../src/index.js';
import { route, server, user } from './helpers.js';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('pattern messages from the spec (x-pattern-message)', () => {
  it('a response with a malformed email names the member in words', async () => {
    server.use(http.post(route, () => HttpResponse.json({ User: { ...user, PrimaryEmail: 'jane-at-example' } })));
    const chime = createCore({ validate: 'response' });
    const error = await chime.updateUser({ AccountId: 'a', UserId: 'u' }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('/User/PrimaryEmail: must be an email address');
    expect((error as ChimeClientError).issues).toContainEqual(
      expect.objectContaining({
        path: '/User/PrimaryEmail',
        message: 'must be an email address; found a string of 15 characters (not shown: sensitive)',
      }),
    );
  });
});

describe("validating what the client returns (validation's User is the wire shape)", () => {
  it('a client User has Dates: the wire validator refuses it as is, and accepts it through toWire', async () => {
    server.use(http.post(route, () => HttpResponse.json({ User: user })));
    const { User: returned } = await createChimeClient({ retry: false }).updateUser({ AccountId: 'a1', UserId: 'u1' });
    expect(returned?.RegisteredOn).toBeInstanceOf(Date);
    expect(is(User, returned)).toBe(false);
    const result = validate(User, toWire(returned));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.RegisteredOn).toBe('2019-05-01T16:02:35.000Z');
    expect(returned?.RegisteredOn).toBeInstanceOf(Date); // not changed in place
  });
});
