/**
 * What tsc tells a user who gets a member wrong: the message must name the
 * allowed values as a plain union, not `NonNullable<…>`. Compiled with the
 * TypeScript API over a virtual file that imports the client as a user would.
 */
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const pkg = resolve(import.meta.dirname, '..');

function diagnosticsOf(code: string): string[] {
  const file = join(pkg, 'test/virtual-user-code.ts');
  const config = ts.getParsedCommandLineOfConfigFile(
    join(pkg, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  ) as ts.ParsedCommandLine;
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    name === file ? ts.createSourceFile(name, code, version) : getSourceFile(name, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], { ...config.options, noEmit: true }, host);
  return program
    .getSemanticDiagnostics(program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('type errors read as a person would write them', () => {
  it('a wrong enum literal names the allowed values as a plain union', () => {
    const messages = diagnosticsOf(`
      import { createChimeClient } from '../src/index.js';
      const chime = createChimeClient();
      void chime.updateUser({ AccountId: 'a', UserId: 'u', LicenseType: 'Gold' });
    `);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`Type '"Gold"' is not assignable to type '"Basic" | "Plus" | "Pro" | "ProTrial"`);
    expect(messages[0]).not.toContain('NonNullable');
  }, 60_000);
});
