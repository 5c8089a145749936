/**
 * Pagination: the paginator's tokens (an offset and a hash of the request's
 * other members, base64url) and the slicing of a list into one page.
 */
import { canonical, hash } from './data.js';
import type { Problem } from './decode.js';
import type { OperationDefinition } from './types.js';

/** Largest page when the request sets no limit, unless the limit member's schema allows less. */
export const DEFAULT_PAGE_SIZE = 100;

const toBase64Url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text: string) => {
  try {
    return atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return '';
  }
};

/** One paginated operation's pages. */
export interface Pager {
  /** The output member that holds the list. */
  resultKey: string;
  /** Fills `body` with one page of `items`; a token the mocks did not issue for this request is a problem. */
  page(body: Record<string, unknown>, items: unknown[], input: Record<string, unknown>): Problem | undefined;
}

/**
 * The pages of `def`, or undefined when it has no paginator (or no list to page).
 * `reflectable` is the input without the paginator's members: what a token is bound to.
 */
export function pagerOf(
  def: OperationDefinition,
  seed: string,
  reflectable: (input: Record<string, unknown>) => Record<string, unknown>,
): Pager | undefined {
  const paginator = def.operation.paginator;
  const resultKey = paginator ? [paginator.resultKey ?? []].flat()[0] : undefined;
  if (!paginator || resultKey === undefined) return undefined;
  const limitSchema = paginator.limitKey ? def.inputSchema.properties?.[paginator.limitKey] : undefined;
  const defaultPageSize = Math.min(DEFAULT_PAGE_SIZE, limitSchema?.maximum ?? DEFAULT_PAGE_SIZE);

  /** Which page a token points at: the token carries an offset and a hash of the request's other members. */
  const pageContext = (input: Record<string, unknown>) =>
    hash(`${seed}|${def.name}|${canonical(reflectable(input))}`)
      .toString(16)
      .padStart(8, '0');

  /** Where the page starts: 0 without a token, the token's offset, or the problem with a token not issued here. */
  const offsetOf = (input: Record<string, unknown>, context: string): number | Problem => {
    const token = input[paginator.inputToken];
    if (token === undefined) return 0;
    const match = /^(\d+)\.([0-9a-f]{8})$/.exec(fromBase64Url(String(token)));
    if (match && match[2] === context) return Number(match[1]);
    return {
      ok: false,
      input,
      message: `Invalid ${paginator.inputToken}: '${String(token)}' was not issued by these mocks for this request; pass the ${paginator.outputToken} of the previous page, with the same other members.`,
      issues: [{ path: `/${paginator.inputToken}`, message: 'was not issued for this request', keyword: 'token' }],
    };
  };

  const page: Pager['page'] = (body, items, input) => {
    const context = pageContext(input);
    const offset = offsetOf(input, context);
    if (typeof offset !== 'number') return offset;
    const limit =
      paginator.limitKey && typeof input[paginator.limitKey] === 'number'
        ? (input[paginator.limitKey] as number)
        : defaultPageSize;
    body[resultKey] = items.slice(offset, offset + limit);
    if (offset + limit < items.length) body[paginator.outputToken] = toBase64Url(`${offset + limit}.${context}`);
    else delete body[paginator.outputToken];
    return undefined;
  };
  return { resultKey, page };
}
