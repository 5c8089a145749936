/**
 * The model commands (root package.json):
 *   pnpm spec:import GetUser ListUsers       add drafts of these operations to specs/chime/openapi.yaml
 *   pnpm spec:import --all --out whole.yaml  a new document with all 191 operations
 *   pnpm spec:import --list                  the model's operations, one a line
 *   pnpm spec:conformance                    check specs/chime/openapi.yaml against the model
 * `--spec FILE` (or CHIME_SPEC) targets another spec; CHIME_MODEL_DIR another model copy.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultSpecPath, formatProblem, SpecError } from '../load.js';
import { checkConformance, formatConformance } from './conformance.js';
import { describe, ImportError, runImport } from './import.js';
import { loadModel, ModelMissingError } from './model.js';

const [command, ...rest] = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
const args = rest.filter((arg) => arg !== '--');

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      all: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      out: { type: 'string' },
      spec: { type: 'string' },
    },
  });
  const spec = resolve(values.spec ?? process.env.CHIME_SPEC ?? defaultSpecPath);
  const model = loadModel();
  if (command === 'import') {
    if (values.list) {
      // `| head` closes the pipe early: that is not an error
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
      });
      console.log(
        Object.keys(model.service.operations)
          .sort()
          .map((name) => describe(model, name))
          .join('\n'),
      );
      return 0;
    }
    const result = await runImport({
      model,
      names: positionals,
      all: values.all,
      spec,
      ...(values.out ? { out: resolve(values.out) } : {}),
    });
    const count = result.operations.length;
    console.log(
      `spec:import: wrote ${count} operation${count === 1 ? '' : 's'} to ${result.file} (loads and lints clean).`,
    );
    if (!values.out) {
      for (const [kind, names] of Object.entries(result.added)) {
        if (names.length > 0) console.log(`  added ${kind}: ${names.join(', ')}`);
      }
      console.log(
        'Next: review the drafted YAML (examples are marked x-draft), edit it, run `pnpm spec:conformance`, then `pnpm generate`.',
      );
    }
    return 0;
  }
  if (command === 'conformance') {
    const report = await checkConformance(spec, model);
    const text = formatConformance(report);
    if (report.drift.length > 0) {
      console.error(text);
      return 1;
    }
    console.log(text);
    return 0;
  }
  console.error(
    'Usage: cli.ts import <Operation…> [--all] [--out FILE] [--spec FILE] | cli.ts conformance [--spec FILE]',
  );
  return 2;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const name = command === 'conformance' ? 'spec:conformance' : 'spec:import';
    if (error instanceof SpecError && command === 'conformance') {
      console.error(
        `${name}: the spec does not load, so it was not compared with the model:\n${error.problems.map(formatProblem).join('\n')}\nFix these first (\`pnpm lint:spec\` shows them too).`,
      );
    } else if (error instanceof SpecError || error instanceof ImportError || error instanceof ModelMissingError) {
      console.error(`${name}: ${error.message}`);
    } else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${name}: ${error.message}`);
    } else {
      console.error(`${name}: failed; nothing was written.`);
      console.error(error);
    }
    process.exitCode = 1;
  },
);
