import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec, SpecError } from '../src/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => join(fixtures, name, 'openapi.yaml');

async function problemsOf(name: string) {
  const error = await loadSpec(fixture(name)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecError);
  return error as SpecError;
}

describe('loadSpec on broken specs', () => {
  it.each([
    ['dangling-ref', 'no-unresolved-refs', 28, "Can't resolve $ref"],
    ['bad-example', 'no-invalid-media-type-examples', 32, '`Name` property type must be string'],
    ['duplicate-operation-id', 'operation-operationId-unique', 58, 'unique `operationId`'],
    ['missing-path-param', 'path-parameters-defined', 18, 'is not used in the path'],
    ['yaml-syntax', 'yaml-syntax', 4, 'does not parse'],
  ])('%s: names file, line and rule %s', async (name, rule, line, text) => {
    const error = await problemsOf(name);
    const problem = error.problems.find((p) => p.rule === rule);
    expect(problem, error.message).toBeDefined();
    expect(problem?.line).toBe(line);
    expect(problem?.file).toContain(`${name}/openapi.yaml`);
    expect(problem?.message).toContain(text);
    expect(error.message).toContain(`${name}/openapi.yaml:${line}:`);
    expect(error.message).toContain(`[${rule}]`);
    expect(error.message).toContain('pnpm generate');
  });

  it('rejects an error response without the x-amzn-ErrorType header, by pointer', async () => {
    const error = await problemsOf('error-without-header');
    expect(error.problems).toEqual([
      expect.objectContaining({
        rule: 'chime/error-response-shape',
        pointer: '#/paths/~1things~1{thingId}/post/responses/400',
        message: expect.stringContaining('x-amzn-ErrorType'),
      }),
    ]);
  });

  it('says so when the file does not exist', async () => {
    const error = await problemsOf('no-such-dir');
    expect(error.problems[0]?.rule).toBe('spec-file');
  });
});

describe('the operation index of the real spec', () => {
  it('indexes UpdateUser as the seed calls it', async () => {
    const spec = await loadSpec();
    const op = spec.operations.find((o) => o.operationId === 'UpdateUser');
    expect(op).toMatchObject({ name: 'updateUser', method: 'post', path: '/accounts/{accountId}/users/{userId}' });
    expect(op?.members.map((m) => [m.name, m.location, m.required])).toEqual([
      ['AccountId', 'path', true],
      ['UserId', 'path', true],
      ['LicenseType', 'body', false],
      ['UserType', 'body', false],
      ['AlexaForBusinessMetadata', 'body', false],
    ]);
    expect(op?.success.status).toBe(200);
    expect(op?.errors.map((e) => [e.status, e.errorCode])).toEqual([
      [400, 'BadRequestException'],
      [401, 'UnauthorizedClientException'],
      [403, 'ForbiddenException'],
      [404, 'NotFoundException'],
      [429, 'ThrottledClientException'],
      [500, 'ServiceFailureException'],
      [503, 'ServiceUnavailableException'],
    ]);
    expect(op?.sensitive).toEqual([
      'AlexaForBusinessRoomArn',
      'DisplayName',
      'PrimaryEmail',
      'PrimaryProvisionedNumber',
    ]);
  });

  it('lists the example files the spec is made of', async () => {
    const spec = await loadSpec();
    expect(spec.files.filter((f) => f.includes('/examples/')).length).toBe(9);
  });
});
