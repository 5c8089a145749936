/**
 * The client's `validate` option, loaded on demand with the validators it
 * calls (@chime-api/validation): an app that never validates bundles neither.
 * Imports nothing else from the client, so the bundle it loads stays apart.
 */
import { validate, validators } from '@chime-api/validation';

/** What a failed check reports: the message `ChimeClientError` carries and the per-member issues (paths only). */
export interface Problems {
  message: string;
  issues: readonly { path: string; message: string }[];
}

/**
 * Why `value` does not match the spec's `name` schema (`UpdateUserInput`), or
 * `undefined` when it does or the spec has no validator by that name.
 */
export function problemsOf(name: string, value: unknown): Problems | undefined {
  const schema = (validators as Record<string, Parameters<typeof validate>[0] | undefined>)[name];
  const result = schema && validate(schema, value);
  if (!result || result.ok) return undefined;
  const lines = result.issues.map((issue) => `  ${issue.path || '/'}: ${issue.message}`).join('\n');
  return { message: `${name} does not match the spec:\n${lines}`, issues: result.issues };
}
