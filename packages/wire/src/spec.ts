/**
 * The operation spec: how each operation travels on the wire, as the
 * generator writes it into the client's table (`operations.gen.ts`) and as
 * the client, the mocks and the SDK middleware read it.
 */

/** A timestamp's wire form: an RFC 3339 string (`date-time`) or epoch seconds (`unixTimestamp`). */
export type TimestampFormat = 'date-time' | 'unixTimestamp';

/** How one input member travels on the wire. */
export interface MemberSpec {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'body';
  readonly wireName: string;
  readonly required: boolean;
  /**
   * The schema's type, for members outside the body: the client refuses a
   * path member of another type before sending. Other constraints (length,
   * pattern) are checked by `validate`.
   */
  readonly type?: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  /** For a query or header list (`type: 'array'`): its items' type. */
  readonly items?: 'string' | 'integer' | 'number' | 'boolean';
  /**
   * A timestamp member (callers pass a `Date`): `date-time` travels as an
   * RFC 3339 string, `unixTimestamp` as epoch seconds.
   */
  readonly timestamp?: TimestampFormat;
  /** `x-amzn-idempotency-token`: filled with a fresh UUID when the caller leaves it out. */
  readonly idempotencyToken?: boolean;
}

/** How an operation pages (botocore's paginator, `x-amzn-paginator` in the spec). */
export interface PaginatorSpec {
  /** The input member that carries the page token (`NextToken`). */
  readonly inputToken: string;
  /** The output member that carries the next page's token. */
  readonly outputToken: string;
  /** The input member that sets the page size (`MaxResults`). */
  readonly limitKey?: string;
  /** The output member(s) that hold each page's results (`Users`). */
  readonly resultKey?: string | readonly string[];
}

/** An output member the spec maps from a success response header (`x-member-name` on the header). */
export interface HeaderMemberSpec {
  readonly name: string;
  /** The header, lower-case. */
  readonly header: string;
  readonly type?: 'string' | 'integer' | 'number' | 'boolean';
}

/** One operation as the generated table describes it (see operations.gen.ts). */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: string;
  /** The path template, without any literal query. */
  readonly path: string;
  /**
   * A literal query the operation always sends first (`operation=logout`):
   * the spec writes it after `#` in the path key, since OpenAPI allows one
   * operation per method and path.
   */
  readonly query?: string;
  /** Prepended to the endpoint's host name (`messaging-`): `x-amzn-host-prefix`. */
  readonly hostPrefix?: string;
  readonly members: readonly MemberSpec[];
  readonly successStatus: number;
  /** Property paths of `date-time` members in the success body (`*` for array items). */
  readonly datePaths: readonly (readonly string[])[];
  /** Property paths of epoch-seconds timestamps (`unixTimestamp`) in the success body. */
  readonly epochPaths?: readonly (readonly string[])[];
  /** How the operation pages, when it does. */
  readonly paginator?: PaginatorSpec;
  /** Output members read from success response headers. */
  readonly outputHeaders?: readonly HeaderMemberSpec[];
  /** The output member that carries the HTTP status (`x-status-member` on the success response). */
  readonly statusMember?: string;
  /** Documented error statuses and the exception each carries. */
  readonly errors: Readonly<Record<number, string>>;
  readonly sensitive: readonly string[];

  // The steps are the runtime code the data fields above call for
  // (src/steps.ts). The generator lists each only on the operations that need
  // it, so a bundle carries the code of the features its operations use;
  // `send` runs the ones it finds. A spec written by hand gets them from
  // `withWireSteps`. The mocks and the SDK read the data fields.

  /**
   * Run in order before the request is built: fill idempotency tokens,
   * timestamps to their wire form, the host prefix, the query string, header members.
   */
  readonly requestSteps?: readonly RequestStep[];
  /** Run in order on a success's output: members from headers and the status, timestamps revived to `Date`s. */
  readonly responseSteps?: readonly ResponseStep[];
}

/** One call as the request steps shape it, before `send` adds the path and body members. */
export interface WireCall {
  /** The input as it travels, members by name: path and body members are read from here after the steps. */
  readonly wire: Record<string, unknown>;
  /** The endpoint the request goes to (`prefixHost` prepends the host prefix). */
  base: string;
  /** The query string: `?…`, or `''` for none. */
  search: string;
  /** The request's headers, by lower-case name. */
  readonly headers: Record<string, string>;
  /** The client's `disableHostPrefix`. */
  readonly disableHostPrefix?: boolean;
}

/** A request step: edits the call in place. */
export type RequestStep = (call: WireCall, op: OperationSpec) => void;

/** A response step: edits a success's output (`data`: members by name) in place. */
export type ResponseStep = (data: Record<string, unknown>, op: OperationSpec, response: Response) => void;

export type OperationTable = Readonly<Record<string, OperationSpec>>;
