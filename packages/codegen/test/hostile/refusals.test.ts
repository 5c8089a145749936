/**
 * Spec values that cannot work in generated code are refused when the spec
 * is loaded, each at its `file:line:column` with the reason, and nothing is
 * generated: names the SDK cannot carry on the wire, header names fetch
 * refuses, member names JavaScript objects cannot hold, operation names that
 * would replace what every object has (`then`, `__proto__`, `toString`), host
 * prefixes that would send a request to another host, error codes a header
 * cannot carry, control characters in enum values, malformed paginators and
 * paths that are not URL paths. One document holds every refused value.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, repoRoot, SpecError } from '../../src/index.js';
import { hostileSpec, memberNames } from './spec.js';

const SQUOTE = memberNames('squote').path;
/** The base document's operation, before any case edits it. */
const pristineOperation = () => (hostileSpec(['squote'], 'plain').paths as Any)[SQUOTE].post;

const scratch = join(repoRoot, 'packages/codegen/.tmp/hostile-refusals');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Doc = ReturnType<typeof hostileSpec> & Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: a JSON document edited by path
type Any = any;

/** Sets an own property, `__proto__` included (as JSON.parse would). */
const own = (target: object, name: string, value: unknown) =>
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });

/** Each refused value: how it is put in the document, the rule, a word of the message and the text that locates it. */
const CASES: { what: string; rule: string; says: string; at: string; edit: (doc: Any) => void }[] = [
  {
    what: 'a newline in a property name',
    rule: 'chime/wire-name',
    says: 'U+000A',
    at: '"Bad\\nName": {',
    edit: (doc) => own(doc.components.schemas.SquoteItem.properties, 'Bad\nName', { type: 'string' }),
  },
  {
    what: "a ' in a property name",
    rule: 'chime/wire-name',
    says: '&#39;',
    at: '"it\'s": {',
    edit: (doc) => own(doc.components.schemas.SquoteItem.properties, "it's", { type: 'string' }),
  },
  {
    what: 'a property named __proto__',
    rule: 'chime/member-name',
    says: 'replaces the object’s prototype',
    at: '"__proto__": {\n            "type": "integer"',
    edit: (doc) => own(doc.components.schemas.SquoteItem.properties, '__proto__', { type: 'integer' }),
  },
  {
    what: 'a property named valueOf',
    rule: 'chime/member-name',
    says: 'openapi-typescript',
    at: '"valueOf": {',
    edit: (doc) => own(doc.components.schemas.SquoteRequest.properties, 'valueOf', { type: 'string' }),
  },
  {
    what: 'x-member-name __proto__',
    rule: 'chime/member-name',
    says: 'x-member-name "__proto__"',
    at: '"x-member-name": "__proto__"',
    edit: (doc) => {
      doc.paths[SQUOTE].post.parameters[2]['x-member-name'] = '__proto__';
    },
  },
  {
    what: 'x-status-member __proto__',
    rule: 'chime/member-name',
    says: 'x-status-member "__proto__"',
    at: '"x-status-member": "__proto__"',
    edit: (doc) => {
      doc.paths[SQUOTE].post.responses['200']['x-status-member'] = '__proto__';
    },
  },
  {
    what: 'a header parameter whose name is not an HTTP token',
    rule: 'chime/header-name',
    says: 'not an HTTP header name',
    at: '"name": "x-bad(header)"',
    edit: (doc) => {
      doc.paths[SQUOTE].post.parameters.push({
        name: 'x-bad(header)',
        in: 'header',
        'x-member-name': 'BadHeader',
        schema: { type: 'string' },
      });
    },
  },
  {
    what: 'a response header with a space',
    rule: 'chime/header-name',
    says: 'not an HTTP header name',
    at: '"x-bad header": {',
    edit: (doc) => {
      doc.paths[SQUOTE].post.responses['200'].headers['x-bad header'] = {
        schema: { type: 'string' },
      };
    },
  },
  {
    what: 'a host prefix that changes the host',
    rule: 'chime/host-prefix',
    says: 'another host',
    at: '"x-amzn-host-prefix": "evil.example/"',
    edit: (doc) => {
      doc.paths[SQUOTE].post['x-amzn-host-prefix'] = 'evil.example/';
    },
  },
  {
    what: 'a newline in an error code',
    rule: 'chime/error-code',
    says: 'x-amzn-ErrorType header',
    at: '"x-amzn-error-code": "Bad\\nException"',
    edit: (doc) => {
      const response = doc.paths[SQUOTE].post.responses['400'];
      response['x-amzn-error-code'] = 'Bad\nException';
      response.content['application/json'].examples.failed.value.Code = 'Bad\nException';
    },
  },
  {
    what: 'a newline in an enum value',
    rule: 'chime/enum-value',
    says: 'U+000A',
    at: '"Two\\nLines"',
    edit: (doc) => doc.components.schemas.SquoteEnum.enum.push('Two\nLines'),
  },
  ...(['then', '__proto__', 'toString'] as const).map((operationId, i) => ({
    what: `operationId ${operationId}`,
    rule: 'chime/operation-name',
    says: operationId === 'then' ? 'thenable' : operationId === '__proto__' ? 'prototype' : 'every object inherits',
    at: `"operationId": "${operationId}"`,
    edit: (doc: Any) => {
      const op: Any = pristineOperation();
      op.operationId = operationId;
      // a paginator of the wrong shape, on the first of them
      if (i === 0) op['x-amzn-paginator'] = { inputToken: 5, outputToken: 'NextToken' };
      doc.paths[`/accounts/{accountId}/op${i}`] = { post: op };
    },
  })),
  {
    what: 'a paginator whose inputToken is not a string',
    rule: 'chime/paginator',
    says: 'string inputToken',
    at: '"x-amzn-paginator": {\n          "inputToken": 5',
    edit: () => {},
  },
  {
    what: 'a backtick in a path',
    rule: 'chime/path',
    says: 'URL path characters',
    at: '"/accounts/{accountId}/a`b": {',
    edit: (doc) => {
      const op: Any = pristineOperation();
      op.operationId = 'Backticked';
      doc.paths['/accounts/{accountId}/a`b'] = { post: op };
    },
  },
];

/** 1-based line and column of the first character of `snippet` in `text` after its key. */
function lineOf(text: string, snippet: string): number {
  const index = text.indexOf(snippet);
  if (index < 0) throw new Error(`not in the document: ${snippet}`);
  return text.slice(0, index).split('\n').length;
}

describe('spec values that cannot work are refused at load time with file:line:col', () => {
  it('every refused value is reported where it is written, with why, and nothing is generated', async () => {
    mkdirSync(scratch, { recursive: true });
    const doc = hostileSpec(['squote'], 'plain') as Doc;
    for (const c of CASES) c.edit(doc);
    const file = join(scratch, 'openapi.json');
    const text = JSON.stringify(doc, null, 2);
    writeFileSync(file, text);
    const out = join(scratch, 'out');
    const error = await generate({ spec: file, outRoot: out, fresh: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    const problems = (error as SpecError).problems;
    for (const c of CASES) {
      const line = lineOf(text, c.at);
      const found = problems.filter((p) => p.rule === c.rule && p.line === line);
      expect(found, `${c.what}: ${c.rule} at line ${line}\n${(error as Error).message}`).toHaveLength(1);
      expect(found[0]?.message, c.what).toContain(c.says);
      expect(found[0]?.file, c.what).toMatch(/hostile-refusals\/openapi\.json$/);
      expect(found[0]?.column, c.what).toBeGreaterThan(0);
    }
    // one problem each: nothing the hostile spec's own values hold is refused
    expect(problems).toHaveLength(CASES.length);
    expect((error as Error).message).toMatch(/hostile-refusals\/openapi\.json:\d+:\d+ \[chime\/wire-name\]/);
    expect(() => readFileSync(join(out, 'client/operations.gen.ts'))).toThrow();
  }, 120_000);
});
