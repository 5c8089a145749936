/**
 * The opcodes of a compiled pattern's program (regexp-program.ts compiles,
 * linear-regexp.ts runs, the mocks' data synthesiser walks): a module of its
 * own, so what runs a program never loads the compiler and its parser.
 */

/** `[OP_CHAR, set]`: read a character of `sets[set]`, then go on. */
export const OP_CHAR = 0;
/** `[OP_SPLIT, a, b]`: go on at both `a` and `b` (`a` first). */
export const OP_SPLIT = 1;
/** `[OP_JUMP, to]`: go on at `to`. */
export const OP_JUMP = 2;
/** `[OP_START]`: `^`, passes at the start of the input. */
export const OP_START = 3;
/** `[OP_END]`: `$`, passes at the end of the input. */
export const OP_END = 4;
/** `[OP_MATCH]`: the pattern matched. */
export const OP_MATCH = 5;

/**
 * One instruction, its opcode first. Programs are plain data (generated
 * validators carry them as JSON literals), so the opcodes are these numbers.
 */
export type Instruction =
  | [typeof OP_CHAR, number]
  | [typeof OP_SPLIT, number, number]
  | [typeof OP_JUMP, number]
  | [typeof OP_START]
  | [typeof OP_END]
  | [typeof OP_MATCH];
