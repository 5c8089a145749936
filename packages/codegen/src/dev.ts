/**
 * `pnpm dev`: regenerate and rebuild on save.
 *
 * The spec's folder is watched here; the codegen sources are watched by
 * `tsx watch`, which restarts this process when a generator changes. Each save
 * runs every target but the SDK (its Java generator is left to `pnpm
 * generate`: it alone takes a second or more), then rebuilds the package of
 * each target in two steps:
 * 1. JavaScript first: every source file whose text changed is transpiled on
 *    its own (`ts.transpileModule`, the same emitter as tsc, so the same
 *    bytes), and `dist/` imports the new code within the second; one line
 *    with the time.
 * 2. Declarations right after, in the background: TypeScript's incremental
 *    builder, kept in memory between saves, type-checks what changed and
 *    writes the `.d.ts` files (and any JavaScript that differs); a line with
 *    its time, or the type errors. A save that arrives meanwhile stops it and
 *    starts over.
 * A save that breaks the spec or a target prints the problem and writes
 * nothing: the last good output stays, generated files and `dist/` alike.
 */
import { existsSync, readFileSync, renameSync, watch as watchFiles } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { generate, TargetError } from './generate.js';
import { defaultSpecPath, repoRoot, SpecError } from './load.js';
import type { Target } from './target.js';
import { targets as allTargets } from './targets.js';

export interface WatchOptions {
  /** The root spec file; its whole folder is watched. Default `CHIME_SPEC` or specs/chime/openapi.yaml. */
  spec?: string;
  /** As in `generate`: write target `<name>` to `<outRoot>/<name>/`. */
  outRoot?: string;
  /** Targets to regenerate on save; default every target but the SDK. */
  targets?: readonly Target[];
  /**
   * tsconfig files rebuilt after each good generation; default the
   * `tsconfig.build.json` of each target's package, a package before those
   * that depend on it.
   */
  builds?: string[];
  /** Where the lines go; default stdout. */
  log?: (line: string) => void;
}

export interface Watcher {
  /** Stops watching; a declaration build in progress stops too. */
  close(): void;
}

/** The build of every target's package that has one, dependencies first (validation before client and mocks). */
export function defaultBuilds(targets: readonly Target[]): string[] {
  const packages = new Map<string, string[]>();
  for (const { name, uses = [] } of targets) {
    const dir = join(repoRoot, 'packages', name);
    if (!existsSync(join(dir, 'tsconfig.build.json'))) continue;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    const deps = ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((k) => Object.keys(manifest[k] ?? {}));
    const workspace = deps.filter((d) => d.startsWith('@chime-api/')).map((d) => d.slice('@chime-api/'.length));
    packages.set(name, [...new Set([...workspace, ...uses])]);
  }
  const ordered: string[] = [];
  const visit = (name: string, seen: Set<string>) => {
    if (ordered.includes(name) || seen.has(name)) return;
    seen.add(name);
    for (const dep of packages.get(name) ?? []) if (packages.has(dep)) visit(dep, seen);
    ordered.push(name);
  };
  for (const name of packages.keys()) visit(name, new Set());
  return ordered.map((name) => join(repoRoot, 'packages', name, 'tsconfig.build.json'));
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};
const format = (d: ts.Diagnostic) => ts.formatDiagnostic(d, formatHost).trim();

function readConfig(tsconfig: string): ts.ParsedCommandLine | undefined {
  return ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
}

/** Writes `content` to `file` unless it holds it already; whole (a temporary file renamed), so an importer never reads half. */
function writeIfChanged(file: string, content: string): boolean {
  if (ts.sys.readFile(file) === content) return false;
  ts.sys.writeFile(`${file}.${process.pid}.tmp`, content);
  renameSync(`${file}.${process.pid}.tmp`, file);
  return true;
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One package's two-step build, its compiler state kept in memory between saves. */
class PackageBuild {
  readonly name: string;
  private emitted = new Map<string, string>();
  private previous: ts.EmitAndSemanticDiagnosticsBuilderProgram | undefined;
  private parsed = new Map<string, { text: string; file: ts.SourceFile }>();

  constructor(readonly tsconfig: string) {
    this.name = relative(join(repoRoot, 'packages'), dirname(tsconfig));
  }

  /**
   * Step 1: the JavaScript (and source map) of every source file whose text
   * changed since the last call. Returns syntax errors; the files that have
   * none are written.
   */
  emitJavaScript(): { files: number; problems: string[] } {
    const config = readConfig(this.tsconfig);
    if (!config) return { files: 0, problems: [`cannot read ${this.tsconfig}`] };
    // the packages are ES modules: transpileModule cannot look that up per file, so it is told
    const options = {
      ...config.options,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    };
    const problems: string[] = [];
    let files = 0;
    for (const file of config.fileNames) {
      if (file.endsWith('.d.ts')) continue;
      const text = ts.sys.readFile(file);
      if (text === undefined) continue;
      const outputs = ts.getOutputFileNames(config, file, false);
      const js = outputs.find((o) => o.endsWith('.js'));
      if (!js || (this.emitted.get(file) === text && existsSync(js))) continue;
      const out = ts.transpileModule(text, { compilerOptions: options, fileName: file, reportDiagnostics: true });
      const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
      if (errors.length > 0) {
        problems.push(...errors.map(format));
        continue;
      }
      ts.sys.createDirectory(dirname(js));
      const map = outputs.find((o) => o.endsWith('.js.map'));
      if (map && out.sourceMapText !== undefined) writeIfChanged(map, out.sourceMapText);
      if (writeIfChanged(js, out.outputText)) files++;
      this.emitted.set(file, text);
    }
    return { files, problems };
  }

  /**
   * Step 2: type-check and emit (declarations, and JavaScript that differs)
   * file by file, yielding to the event loop between files; `stale()` true
   * stops it (a newer save). Returns the diagnostics, or undefined when stopped.
   */
  async declarations(stale: () => boolean): Promise<string[] | undefined> {
    const config = readConfig(this.tsconfig);
    if (!config) return [`cannot read ${this.tsconfig}`];
    const host = ts.createIncrementalCompilerHost(config.options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, language, onError, fresh) => {
      const text = ts.sys.readFile(fileName);
      const known = this.parsed.get(fileName);
      if (text !== undefined && known?.text === text && !fresh) return known.file;
      const file = read(fileName, language, onError, fresh);
      if (file && text !== undefined) this.parsed.set(fileName, { text, file });
      return file;
    };
    const program = ts.createEmitAndSemanticDiagnosticsBuilderProgram(
      config.fileNames,
      config.options,
      host,
      this.previous,
    );
    this.previous = program;
    const diagnostics: ts.Diagnostic[] = [
      ...config.errors,
      ...program.getConfigFileParsingDiagnostics(),
      ...program.getSyntacticDiagnostics(),
    ];
    for (;;) {
      await yieldToEvents();
      if (stale()) return undefined;
      const next = program.getSemanticDiagnosticsOfNextAffectedFile();
      if (!next) break;
      diagnostics.push(...next.result);
    }
    const write: ts.WriteFileCallback = (file, text) => {
      ts.sys.createDirectory(dirname(file));
      writeIfChanged(file, text);
    };
    for (;;) {
      await yieldToEvents();
      if (stale()) return undefined;
      const next = program.emitNextAffectedFile(write);
      if (!next) break;
      diagnostics.push(...next.result.diagnostics);
    }
    return diagnostics.map(format);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const clock = () => new Date().toISOString().slice(11, 19);

/**
 * Generates and builds once, then again after every change to the spec's
 * folder. Resolves once the first run's JavaScript is in `dist/`.
 *
 * @example
 * const watcher = await watch({ log: (line) => console.log(line) });
 * // ... later
 * watcher.close();
 */
export async function watch(options: WatchOptions = {}): Promise<Watcher> {
  const spec = options.spec ?? process.env.CHIME_SPEC ?? defaultSpecPath;
  const log = options.log ?? ((line: string) => console.log(line));
  const targets = options.targets ?? allTargets.filter((t) => t.name !== 'sdk');
  const builds = (options.builds ?? defaultBuilds(targets)).map((tsconfig) => new PackageBuild(tsconfig));

  let running: Promise<void> = Promise.resolve();
  let queued = false;
  // each good save gets a number; a declaration build of an older one stops
  let generation = 0;
  let closed = false;

  async function declarations(mine: number, began: number): Promise<void> {
    const stale = () => closed || mine !== generation;
    if (builds.length === 0) return;
    const problems: string[] = [];
    const times: string[] = [];
    for (const build of builds) {
      const start = performance.now();
      const found = await build.declarations(stale);
      if (!found) return;
      problems.push(...found);
      times.push(`${build.name} ${seconds(performance.now() - start)}`);
    }
    const summary = `declarations (${times.join(', ')}) ${seconds(performance.now() - began)} after the save`;
    if (problems.length > 0)
      log(`dev ${clock()}: ${summary}; the build has ${problems.length} error(s):\n${problems.join('\n')}`);
    else log(`dev ${clock()}: ${summary}`);
  }

  async function runOnce(began: number): Promise<void> {
    try {
      const { written } = await generate({ spec, outRoot: options.outRoot, targets, fresh: true });
      const generated = performance.now() - began;
      const mine = ++generation;
      const problems: string[] = [];
      const times: string[] = [];
      for (const build of builds) {
        const start = performance.now();
        const emitted = build.emitJavaScript();
        problems.push(...emitted.problems);
        if (emitted.files > 0) times.push(`${build.name} ${seconds(performance.now() - start)}`);
      }
      const summary = `${written.length} file${written.length === 1 ? '' : 's'} changed (generate ${seconds(generated)}${times.length ? `, JavaScript ${times.join(', ')}` : ''})`;
      if (problems.length > 0) {
        log(`dev ${clock()}: ${summary}; the build has ${problems.length} error(s):\n${problems.join('\n')}`);
      } else {
        log(`dev ${clock()}: ${summary}${times.length ? ', rebuilt' : ''} in ${seconds(performance.now() - began)}`);
      }
      void declarations(mine, began);
    } catch (error) {
      const message =
        error instanceof SpecError || error instanceof TargetError
          ? error.message
          : String((error as Error)?.stack ?? error);
      log(`dev ${clock()}: save not applied, the last good output stays. ${message}`);
    }
  }

  function schedule(saved: number): Promise<void> {
    if (queued) return running;
    queued = true;
    running = running.then(() => {
      queued = false;
      return runOnce(saved);
    });
    return running;
  }

  await schedule(performance.now());
  let timer: NodeJS.Timeout | undefined;
  let firstEvent: number | undefined;
  const watcher = watchFiles(dirname(spec), { recursive: true }, () => {
    // editors save in several steps (truncate, write, rename): one run per burst, timed from its first event
    firstEvent ??= performance.now();
    clearTimeout(timer);
    timer = setTimeout(() => {
      const saved = firstEvent ?? performance.now();
      firstEvent = undefined;
      void schedule(saved);
    }, 100);
  });
  log(
    `dev: watching ${relative(process.cwd(), dirname(spec)) || '.'} (generators restart this process when they change)`,
  );
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}
