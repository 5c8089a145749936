/**
 * A hostile spec through every target: each value the generators splice
 * into code carries an injection payload (a quote, backtick, `${}`, `*\/`,
 * `</script>`, U+2028/U+2029, a backslash, a newline, NUL: see spec.ts), and
 * the generated client, validation, mocks and SDK must compile, import with
 * no payload run, and still work: every operation through the client against
 * the mocks and through the SDK, its validators, its typed exception, and the
 * spec's values back exactly as written.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, repoRoot, targets } from '../../src/index.js';
import { type ProbedOperation, probeScript } from './probe.js';
import { ALL_PAYLOADS, hostileSpec, memberNames, PAYLOAD_NAMES, PAYLOADS, signingOf } from './spec.js';
import { compileTree, prepareTree, probeTree, type Tree } from './tree.js';

const typeScriptTargets = targets.filter((t) => t.name !== 'sdk');
const scratch = join(repoRoot, 'packages/codegen/.tmp/hostile');
const spec = join(scratch, 'openapi.json');
let tree: Tree;
let single: Tree | undefined;

beforeAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  writeFileSync(spec, JSON.stringify(hostileSpec(), null, 2));
  // one pass, every target (the SDK's Java once for every payload)
  await generate({ spec, outRoot: join(scratch, 'out'), fresh: true });
  tree = prepareTree('hostile-tree', join(scratch, 'out'));
}, 240_000);

afterAll(() => {
  tree?.remove();
  single?.remove();
  rmSync(scratch, { recursive: true, force: true });
});

type Probed = {
  afterImport: unknown;
  pwned: unknown;
  signing: unknown;
  endpoint: unknown;
  tables: Record<string, { paginator: unknown; hostPrefix: unknown }>;
  protoValidator: [boolean, boolean];
  results: Record<string, Record<string, unknown>>;
};

const operations: ProbedOperation[] = PAYLOAD_NAMES.map((name) => {
  const n = memberNames(name);
  // constructor and toString are left out: absent, they must not read as present
  return {
    method: n.method,
    validator: `${n.operation}Input`,
    errorCode: n.errorCode,
    input: { AccountId: 'a1', Text: 'v', Kind: n.enumValue, [n.note]: 'note', [n.limit]: 5 },
  };
});

describe('a spec whose every value carries an injection payload', () => {
  it('the generated client, validation, mocks and SDK compile together with tsc', async () => {
    expect(await compileTree(tree)).toBe('');
  }, 240_000);

  it('importing every package runs no payload, and every operation still works', async () => {
    const probed = (await probeTree(tree, probeScript(operations, { sdk: true }))) as Probed;
    expect(probed.afterImport).toBeNull();
    expect(probed.pwned).toBeNull();
    // the values arrive exactly as the spec wrote them
    expect(probed.signing).toEqual(signingOf(ALL_PAYLOADS));
    expect(probed.endpoint).toBe(hostileSpec().servers[0]?.url);
    // a schema named __proto__ has its validator like any other
    expect(probed.protoValidator).toEqual([true, false]);
    for (const name of PAYLOAD_NAMES) {
      const n = memberNames(name);
      expect(probed.tables[n.method]?.paginator, name).toEqual({
        inputToken: n.token,
        outputToken: 'NextToken',
        limitKey: n.limit,
        resultKey: 'Results',
      });
      const result = probed.results[n.method] as Record<string, unknown>;
      expect(result, name).toMatchObject({
        method: 'function',
        standalone: 'function',
        valid: true,
        invalid: false,
        status: 200,
        thrown: n.errorCode,
        sdk: ['NextToken', 'Results'],
      });
      const output = result.output as Record<string, unknown>;
      expect(output[n.status], name).toBe(200);
      expect(typeof output[n.header], name).toBe('string');
      expect(output.Results, name).toEqual([expect.objectContaining({ Kind: expect.any(String) })]);
    }
  }, 240_000);

  it("the reported exploit: a ' in x-amzn-paginator and x-aws-sigv4 runs nothing when the client is imported", async () => {
    // one payload alone, so that nothing else in the module stops it from parsing: unescaped, it would run
    const file = join(scratch, 'squote.json');
    writeFileSync(file, JSON.stringify(hostileSpec(['squote'], PAYLOADS.squote), null, 2));
    await generate({ spec: file, outRoot: join(scratch, 'squote'), fresh: true, targets: typeScriptTargets });
    single = prepareTree('hostile-squote-tree', join(scratch, 'squote'));
    const probed = (await probeTree(single, probeScript(operations.slice(0, 1)))) as Probed;
    expect(probed.afterImport).toBeNull();
    expect(probed.signing).toEqual(signingOf(PAYLOADS.squote));
    expect(probed.tables.opSquote?.paginator).toMatchObject({ inputToken: memberNames('squote').token });
    expect(probed.results.opSquote).toMatchObject({ status: 200, valid: true });
  }, 240_000);

  it('every payload is in the spec the suite generated from', () => {
    const text = JSON.stringify(hostileSpec());
    for (const payload of Object.values(PAYLOADS)) expect(text).toContain(JSON.stringify(payload).slice(1, -1));
  });
});
