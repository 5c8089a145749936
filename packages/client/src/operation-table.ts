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
  readonly timestamp?: 'date-time' | 'unixTimestamp';
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

  // The steps below are the runtime code the data fields above call for
  // (src/wire.ts). The generator sets each only on the operations that need
  // it, so a bundle carries the code of the features its operations use;
  // `send` calls the ones it finds. A spec written by hand gets them from
  // `withWireSteps`. The mocks and the SDK read the data fields.

  /** Fills the idempotency tokens the caller left out (members with `idempotencyToken`). */
  readonly fillTokens?: InputStep;
  /** Turns timestamp members' `Date`s into their wire form (members with `timestamp`). */
  readonly encodeTimestamps?: InputStep;
  /** The base URL with `hostPrefix` prepended to its host (unless the client sets `disableHostPrefix`). */
  readonly resolveHost?: (baseUrl: string, prefix: string | undefined) => string;
  /** The query string (`?…`, or `''`) from `query` and the query members. */
  readonly encodeQuery?: (query: Record<string, unknown>, op: OperationSpec) => string;
  /** Header members as header text. */
  readonly encodeHeaders?: (headers: Record<string, unknown>) => Record<string, string>;
  /** Reads `outputHeaders` and `statusMember` into the output. */
  readonly readHeaders?: OutputStep;
  /** Revives the timestamps at `datePaths` to `Date`s. */
  readonly reviveDates?: OutputStep;
  /** Revives the epoch seconds at `epochPaths` to `Date`s. */
  readonly reviveEpochs?: OutputStep;
}

/** A request step: edits the input as it will travel (`wire`: members by name) in place. */
export type InputStep = (wire: Record<string, unknown>, op: OperationSpec) => void;

/** A response step: edits a success's output (`data`: members by name) in place. */
export type OutputStep = (data: Record<string, unknown>, op: OperationSpec, response: Response) => void;

export type OperationTable = Readonly<Record<string, OperationSpec>>;
