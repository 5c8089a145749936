import type { NameResolver, TargetNamespace } from './kit/names.js';
import type { LoadedSpec } from './load.js';

/**
 * What a target hands back: file contents by path relative to its package's
 * `src/`. Nothing is written by the target itself; the pass writes every
 * target's files together, or none of them.
 */
export interface GeneratedFiles {
  files: Record<string, string>;
  /**
   * Folders (relative to `src/`) the target owns wholly: swapped in as a
   * whole, so a file the target no longer writes disappears.
   */
  directories?: string[];
}

/**
 * One output of the generator: a runtime package and the function that
 * writes its generated files from the loaded spec. A new target is one module
 * exporting such a function, listed in `targets.ts`.
 */
export interface Target {
  /** The package folder under `packages/` (its `src/` receives the files). */
  name: string;
  /**
   * The targets whose generated code this one's refers to (the mocks import
   * the client's table and the validators): their packages are its
   * dependencies, and `names` gives it their identifiers. `pnpm dev` builds
   * them first.
   */
  uses?: readonly TargetNamespace[];
  /**
   * Writes the target's files. `names` resolves every identifier another
   * target declares (and this one's own), limited to the targets in `uses`.
   */
  generate(spec: LoadedSpec, names: NameResolver): Promise<GeneratedFiles>;
}
