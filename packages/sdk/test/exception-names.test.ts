/**
 * The official model names its error shapes after their exceptions
 * (`NotFoundException`), and the SDK re-exports the client's exception
 * classes of those names beside the generated models: the models take
 * `<Name>Body`, the classes keep their names, and the package compiles.
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBeside, packages } from './generated-beside.js';

const run = promisify(execFile);
let root = '';
beforeAll(async () => {
  root = await generateBeside(join(import.meta.dirname, 'fixtures/exception-shapes/openapi.yaml'), 'exception-shapes');
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('error shapes named like exception classes', () => {
  it('the generated SDK and its runtime compile with tsc (no ambiguous re-export)', async () => {
    writeFileSync(
      join(root, 'tsconfig.json'),
      JSON.stringify({
        extends: join(packages, '../tsconfig.base.json'),
        compilerOptions: { noEmit: true },
        include: ['client', 'sdk'],
      }),
    );
    const tsc = join(packages, 'sdk/node_modules/.bin/tsc');
    const output = await run(tsc, ['-p', join(root, 'tsconfig.json')], { timeout: 240_000 }).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(output).toBe('');
  }, 300_000);

  it('NotFoundException is the class a 404 throws; its body model is NotFoundExceptionBody', async () => {
    const sdk = await import(join(root, 'sdk/index.ts'));
    expect(typeof sdk.NotFoundExceptionBodyFromJSON).toBe('function');
    const fetch = async () =>
      Response.json(
        { Code: 'NotFound', Message: 'gone' },
        { status: 404, headers: { 'x-amzn-ErrorType': 'NotFoundException' } },
      );
    const error = await sdk
      .createChimeSdk({ fetch, retry: false })
      .things.getThing({ thingId: 't1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.NotFoundException);
    expect(error).toMatchObject({ name: 'NotFoundException', Message: 'gone' });
  });
});
