/**
 * `pnpm dev`: regenerate and rebuild on save.
 *
 * The spec's folder is watched here; the codegen sources are watched by
 * `tsx watch`, which restarts this process when a generator changes. Each save
 * runs the TypeScript targets (the SDK's Java generator is left to `pnpm
 * generate`: it alone takes seconds) and then rebuilds validation, client and
 * mocks with TypeScript's incremental builder, kept in memory between saves,
 * so only what changed is checked and emitted again. One line per rebuild,
 * with its time. A save that breaks the spec or a target prints the problem
 * and writes nothing: the last good output stays.
 */
import { watch as watchFiles } from 'node:fs';
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
  /** tsconfig files rebuilt after each good generation, in order; default validation, client, mocks. */
  builds?: string[];
  /** Where the one line per rebuild goes; default stdout. */
  log?: (line: string) => void;
}

export interface Watcher {
  /** Stops watching (a run in progress finishes). */
  close(): void;
}

const defaultBuilds = ['validation', 'client', 'mocks'].map((pkg) =>
  join(repoRoot, 'packages', pkg, 'tsconfig.build.json'),
);

/** An incremental build of one tsconfig, kept in memory: parsed files are reused while their text is the same. */
function incrementalBuild(tsconfig: string): () => string[] {
  let previous: ts.EmitAndSemanticDiagnosticsBuilderProgram | undefined;
  const parsed = new Map<string, { text: string; file: ts.SourceFile }>();
  return () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      tsconfig,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => undefined,
      },
    );
    if (!config) return [`cannot read ${tsconfig}`];
    const host = ts.createIncrementalCompilerHost(config.options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, language, onError, fresh) => {
      const text = ts.sys.readFile(fileName);
      const known = parsed.get(fileName);
      if (text !== undefined && known?.text === text && !fresh) return known.file;
      const file = read(fileName, language, onError, fresh);
      if (file && text !== undefined) parsed.set(fileName, { text, file });
      return file;
    };
    previous = ts.createEmitAndSemanticDiagnosticsBuilderProgram(config.fileNames, config.options, host, previous);
    const diagnostics = [
      ...config.errors,
      ...previous.getSyntacticDiagnostics(),
      ...previous.getSemanticDiagnostics(),
      ...previous.emit().diagnostics,
    ];
    return diagnostics.map((d) =>
      ts
        .formatDiagnostic(d, {
          getCanonicalFileName: (f) => f,
          getCurrentDirectory: () => process.cwd(),
          getNewLine: () => '\n',
        })
        .trim(),
    );
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const clock = () => new Date().toISOString().slice(11, 19);

/**
 * Generates and builds once, then again after every change to the spec's
 * folder. Resolves once the first run is done.
 */
export async function watch(options: WatchOptions = {}): Promise<Watcher> {
  const spec = options.spec ?? process.env.CHIME_SPEC ?? defaultSpecPath;
  const log = options.log ?? ((line: string) => console.log(line));
  const targets = options.targets ?? allTargets.filter((t) => t.name !== 'sdk');
  const builds = (options.builds ?? defaultBuilds).map((tsconfig) => ({
    tsconfig,
    build: incrementalBuild(tsconfig),
    built: false,
  }));

  let running: Promise<void> = Promise.resolve();
  let queued = false;

  async function runOnce(): Promise<void> {
    const began = performance.now();
    try {
      const { written } = await generate({ spec, outRoot: options.outRoot, targets, fresh: true });
      const generated = performance.now() - began;
      // nothing changed on disk (a save that only touched whitespace): nothing to rebuild
      const rebuild = written.length > 0 || builds.some((b) => !b.built);
      const problems: string[] = [];
      const times: string[] = [];
      for (const b of rebuild ? builds : []) {
        const start = performance.now();
        problems.push(...b.build());
        b.built = true;
        times.push(
          `${relative(join(repoRoot, 'packages'), dirname(b.tsconfig))} ${seconds(performance.now() - start)}`,
        );
      }
      const summary = `${written.length} file${written.length === 1 ? '' : 's'} changed (generate ${seconds(generated)}${times.length ? `, ${times.join(', ')}` : ''})`;
      if (problems.length > 0) {
        log(`dev ${clock()}: ${summary}; the build has ${problems.length} error(s):\n${problems.join('\n')}`);
      } else {
        log(`dev ${clock()}: ${summary}${times.length ? ', rebuilt' : ''} in ${seconds(performance.now() - began)}`);
      }
    } catch (error) {
      const message =
        error instanceof SpecError || error instanceof TargetError
          ? error.message
          : String((error as Error)?.stack ?? error);
      log(`dev ${clock()}: save not applied, the last good output stays. ${message}`);
    }
  }

  function schedule(): Promise<void> {
    if (queued) return running;
    queued = true;
    running = running.then(() => {
      queued = false;
      return runOnce();
    });
    return running;
  }

  await schedule();
  let timer: NodeJS.Timeout | undefined;
  const watcher = watchFiles(dirname(spec), { recursive: true }, () => {
    // editors save in several steps (truncate, write, rename): one run per burst
    clearTimeout(timer);
    timer = setTimeout(() => void schedule(), 100);
  });
  log(
    `dev: watching ${relative(process.cwd(), dirname(spec)) || '.'} (generators restart this process when they change)`,
  );
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
