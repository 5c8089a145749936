import { describe, expect, it } from 'vitest';
import { camel, NameRegistry, pascal } from '../../src/kit/naming.js';
import { clientTypeNames, type Operation } from '../../src/operations.js';

describe('the naming function', () => {
  it.each([
    ['get-thing', 'GetThing', 'getThing'],
    ['UpdateUser', 'UpdateUser', 'updateUser'],
    ['list users.v2', 'ListUsersV2', 'listUsersV2'],
    ['snake_case_id', 'Snake_case_id', 'snake_case_id'],
    ['3d-model', '_3dModel', '_3dModel'],
    ['delete', 'Delete', '_delete'],
    ['--', '_', '_'],
  ])('%s → %s / %s', (raw, type, value) => {
    expect(pascal(raw)).toBe(type);
    expect(camel(raw)).toBe(value);
  });

  it('gives only identifiers whatever the spec writes', () => {
    for (const raw of ['a b', 'x/y', "it's", 'ünïcode', '$ref', 'class', '']) {
      expect(pascal(raw)).toMatch(/^[A-Za-z_$][\w$]*$/);
      expect(camel(raw)).toMatch(/^[A-Za-z_$][\w$]*$/);
    }
  });
});

describe('NameRegistry', () => {
  it('records two spec names that become one identifier, with both sources', () => {
    const names = new NameRegistry();
    const a = { raw: 'get-thing', what: 'operationId', pointer: '#/a' };
    const b = { raw: 'GetThing', what: 'operationId', pointer: '#/b' };
    names.claim(pascal(a.raw), a);
    names.claim(pascal(b.raw), b);
    expect(names.collisions).toEqual([{ identifier: 'GetThing', first: a, second: b }]);
  });

  it('lets the same spec name be claimed twice (an error code shared by operations)', () => {
    const names = new NameRegistry();
    names.claim('NotFoundException', { raw: 'NotFoundException', what: 'x-amzn-error-code', pointer: '#/a' });
    names.claim('NotFoundException', { raw: 'NotFoundException', what: 'x-amzn-error-code', pointer: '#/b' });
    expect(names.collisions).toEqual([]);
  });
});

describe('client type names of component schemas', () => {
  it('a schema named like an operation’s own type (the model’s CreateAttendeeError) becomes <Name>Shape', () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      components: { schemas: { CreateAttendeeError: { type: 'object' }, 'thing-page': { type: 'object' } } },
    };
    const operations = [{ typeName: 'CreateAttendee' }] as Operation[];
    expect(clientTypeNames(doc, operations)).toEqual({
      CreateAttendeeError: 'CreateAttendeeErrorShape',
      'thing-page': 'ThingPage',
    });
  });
});
