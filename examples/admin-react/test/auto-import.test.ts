/**
 * What an editor's auto-import offers for a name both packages know (the
 * TypeScript language service, as VS Code asks it): the client's exception
 * class and input type come first, and the validator is found by its own
 * name. Before the `Schema` suffix, `NotFoundException` and `UpdateUserInput`
 * were offered from both packages alike.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../src');
const file = join(dir, 'auto-import-probe.ts');
// one existing import of each package puts both in the program, as in an app that uses them
const context = join(dir, 'auto-import-context.ts');
const sources: Record<string, string> = {
  [context]: "import '@chime-api/client';\nimport '@chime-api/validation';\n",
};

let version = 0;
const options: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  skipLibCheck: true,
};
const host: ts.LanguageServiceHost = {
  getCompilationSettings: () => options,
  getScriptFileNames: () => [context, file],
  getScriptVersion: (name) => (name === file ? String(version) : '1'),
  getScriptSnapshot: (name) => {
    const source = sources[name] ?? (ts.sys.fileExists(name) ? readFileSync(name, 'utf8') : undefined);
    return source === undefined ? undefined : ts.ScriptSnapshot.fromString(source);
  },
  getCurrentDirectory: () => dir,
  getDefaultLibFileName: ts.getDefaultLibFilePath,
  fileExists: (name) => name in sources || ts.sys.fileExists(name),
  readFile: (name) => sources[name] ?? ts.sys.readFile(name),
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
  realpath: ts.sys.realpath,
};
// one service for every question, as an editor keeps one: only the probe file changes between them
const languageService = ts.createLanguageService(host);

/** The modules auto-import offers `name` from at the end of `text`, best first (the editor's order). */
function offered(text: string, name: string): string[] {
  sources[file] = text;
  version++;
  const completions = languageService.getCompletionsAtPosition(file, text.length, {
    includeCompletionsForModuleExports: true,
    includeCompletionsWithInsertText: true,
  });
  return (completions?.entries ?? [])
    .filter((entry) => entry.name === name && entry.source)
    .sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0))
    .map((entry) => `${entry.source}${entry.kindModifiers?.includes('deprecated') ? ' (deprecated)' : ''}`);
}

describe('auto-import picks the right package', () => {
  it('NotFoundException, as a value (instanceof): the client’s class first; the validator’s old name last, deprecated', () => {
    const sources = offered('export const isMissing = (e: unknown) => e instanceof NotFoundExc', 'NotFoundException');
    expect(sources[0]).toMatch(/^@chime-api\/client(\/core)?$/);
    expect(sources.filter((s) => s.startsWith('@chime-api/validation'))).toEqual([
      '@chime-api/validation (deprecated)',
    ]);
  });

  it('UpdateUserInput, as a type: the client’s input type first', () => {
    const sources = offered('export type Input = UpdateUserInp', 'UpdateUserInput');
    expect(sources[0]).toMatch(/^@chime-api\/client(\/core)?$/);
    expect(sources.at(-1)).toBe('@chime-api/validation (deprecated)');
  });

  it('the validator is offered by its own name, from validation only', () => {
    expect(offered('export const schema = UpdateUserInputSch', 'UpdateUserInputSchema')).toEqual([
      '@chime-api/validation',
    ]);
  });
});
