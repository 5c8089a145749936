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
  readonly type?: 'string' | 'integer' | 'number' | 'boolean';
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
  readonly path: string;
  readonly members: readonly MemberSpec[];
  readonly successStatus: number;
  /** Property paths of `date-time` members in the success body (`*` for array items). */
  readonly datePaths: readonly (readonly string[])[];
  /** Output members read from success response headers. */
  readonly outputHeaders?: readonly HeaderMemberSpec[];
  /** The output member that carries the HTTP status (`x-status-member` on the success response). */
  readonly statusMember?: string;
  /** Documented error statuses and the exception each carries. */
  readonly errors: Readonly<Record<number, string>>;
  readonly sensitive: readonly string[];
}

export type OperationTable = Readonly<Record<string, OperationSpec>>;
