import type { FailureAction, FailureExplanation } from "../errors/failure-explanation.ts";

/** A handler's failure the user can act on; anything else thrown becomes `internal`. */
export class ServiceFailure extends Error {
  readonly code: string;
  readonly field: string | undefined;
  /** The raw text behind the sentence, when there is one. */
  readonly detail: string | undefined;
  readonly action: FailureAction | undefined;
  constructor(
    code: string,
    message: string,
    field?: string,
    more: { detail?: string | undefined; action?: FailureAction | undefined } = {},
  ) {
    super(message);
    this.name = "ServiceFailure";
    this.code = code;
    this.field = field;
    this.detail = more.detail;
    this.action = more.action;
  }

  /** A failure worded by failure-explanation.ts. */
  static explained(code: string, explanation: FailureExplanation, field?: string): ServiceFailure {
    return new ServiceFailure(code, explanation.message, field, explanation);
  }
}
