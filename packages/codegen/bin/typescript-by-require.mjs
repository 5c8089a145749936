// TypeScript for the codegen bundle (bin/codegen.mjs points `typescript` here).
// An ESM import of its 9 MB CommonJS file makes Node scan all of it for export
// names first (0.7 s against 0.3 s by require, measured); compiling it is most
// of the rest, so it is compiled with V8's code cache, kept in the git-ignored
// .cache/bin/ and written once per TypeScript and Node version (0.15 s then).
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

// this package's folder: above bin/ here, above .cache/bin/<build>/ once bundled
let root = dirname(fileURLToPath(import.meta.url));
while (!existsSync(join(root, 'bin', 'typescript-by-require.mjs')) && dirname(root) !== root) root = dirname(root);
const file = createRequire(join(root, 'package.json')).resolve('typescript');
const { size, mtimeMs } = statSync(file);
const cacheDir = join(root, '.cache', 'bin');
const cacheFile = join(cacheDir, `typescript-${size}-${Math.round(mtimeMs)}-${process.version}.v8`);
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // first run with this TypeScript and Node
}
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
if (!cachedData || script.cachedDataRejected) {
  // at exit, so the functions this run compiled are in the cache too
  process.once('exit', () => {
    try {
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(`${cacheFile}.${process.pid}.tmp`, script.createCachedData());
      renameSync(`${cacheFile}.${process.pid}.tmp`, cacheFile);
    } catch {
      // no cache: the next run compiles TypeScript again
    }
  });
}
export default module.exports;
