/** How one input member travels on the wire. */
export interface MemberSpec {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'body';
  readonly wireName: string;
  readonly required: boolean;
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
  /** Documented error statuses and the exception each carries. */
  readonly errors: Readonly<Record<number, string>>;
  readonly sensitive: readonly string[];
}

export type OperationTable = Readonly<Record<string, OperationSpec>>;
