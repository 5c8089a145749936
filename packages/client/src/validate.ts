/**
 * The client's `validate` option, loaded on demand with the validators it
 * calls (@chime-api/validation): an app that never validates bundles neither.
 * It loads the one operation's validators (a chunk of their own), never the
 * whole set, so an app that also imports a validator directly keeps the
 * others out of its first-load chunk. Imports nothing else from the client,
 * so the bundle it loads stays apart.
 */
// the loaders alone: importing the package's index here would tie every validator it names to this chunk
import { operationValidators } from '@chime-api/validation/loaders';

/** What a failed check reports: the message `ChimeClientError` carries and the per-member issues (paths only). */
export interface Problems {
  message: string;
  issues: readonly { path: string; message: string }[];
}

/**
 * Why `value` does not match the spec's schema for the operation's `kind`
 * (`UpdateUserInput`), or `undefined` when it does or the spec has no
 * validator for the operation.
 */
export async function problemsOf(
  operationId: string,
  kind: 'Input' | 'Output',
  value: unknown,
): Promise<Problems | undefined> {
  const loaders = Object.hasOwn(operationValidators, operationId) ? operationValidators[operationId] : undefined;
  if (!loaders) return undefined;
  const schema = await loaders[kind]();
  const result = schema.check(value);
  if (result.ok) return undefined;
  const lines = result.issues.map((issue) => `  ${issue.path || '/'}: ${issue.message}`).join('\n');
  return { message: `${schema.schemaName} does not match the spec:\n${lines}`, issues: result.issues };
}
