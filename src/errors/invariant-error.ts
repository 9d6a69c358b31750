/**
 * The one error class for broken invariants: states the library's own checks say
 * cannot happen when inputs were validated. Each carries a code.
 */

/** Codes of broken invariants. */
export type InvariantCode =
  | 'notPlainDecimal'
  | 'totalsDoNotAddUp'
  | 'unreachable'
  | 'invoiceLineNotReconciled'
  | 'zeroDenominator'
  | 'negativeRate'
  | 'potNotRecovered'
  | 'derivedStatementInvalid'
  | 'precisionExceeded'
  /** A key, line or meter point count beyond what the registration overlap index stores. */
  | 'overlapIndexLimit'
  | 'overlapSpillCorrupt'
  /** A registration was refused without a reason. */
  | 'rejectedWithoutReason';

/** Thrown when an internal invariant breaks. Bad input never raises this. */
export class InvariantError extends Error {
  /** Which invariant broke. */
  readonly code: InvariantCode;

  constructor(code: InvariantCode, message: string) {
    super(`[${code}] ${message}`);
    this.name = 'InvariantError';
    this.code = code;
  }
}

/** Marks a branch the type checker proves unreachable (exhaustive switches). */
export function assertNever(value: never): never {
  throw new InvariantError('unreachable', `unexpected value ${JSON.stringify(value)}`);
}
