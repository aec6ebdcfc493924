/** A handler's failure the user can act on; anything else thrown becomes `internal`. */
export class ServiceFailure extends Error {
  readonly code: string;
  readonly field: string | undefined;
  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = "ServiceFailure";
    this.code = code;
    this.field = field;
  }
}
