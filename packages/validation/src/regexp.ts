/**
 * `@chime-api/validation/regexp`: the linear-time regexp engine, in one
 * home. The generator (`@chime-api/codegen`) compiles each spec pattern here
 * at generate time (`compilePattern`, `toDfa`) into plain data the generated
 * validators run with `linear-regexp.ts`; the mocks read the same programs
 * to make up matching values (the `OP_*` opcodes). Generated validators
 * import the run-time half by relative path, so a bundle of validators
 * carries neither the compiler nor its parser.
 *
 * @example
 * import { compilePattern, toDfa } from '@chime-api/validation/regexp';
 * const dfa = toDfa(compilePattern('^[a-z]+$')); // a table, or undefined when too large
 */
export { linearRegExp } from './compile-regexp.js';
export {
  anyOfPattern,
  closure,
  type Dfa,
  dfaPattern,
  type LinearRegExp,
  linearPattern,
  type RunStats,
  runDfa,
  runProgram,
} from './linear-regexp.js';
export { MAX_DFA_CELLS, toDfa } from './regexp-dfa.js';
export {
  type CharSet,
  type CompiledPattern,
  compilePattern,
  type Instruction,
  MAX_PROGRAM,
  OP_CHAR,
  OP_END,
  OP_JUMP,
  OP_MATCH,
  OP_SPLIT,
  OP_START,
  PatternError,
  singleSetOf,
} from './regexp-program.js';
