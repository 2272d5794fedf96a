/**
 * The project's error base: every error a user can see carries a stable machine-readable code and the context
 * needed to act on it. Layers subclass it (VmError, CheckError, …); nobody throws bare strings.
 */
export class PlurigridError extends Error {
  readonly code: string;
  readonly context: Record<string, unknown>;

  constructor(code: string, message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.context = context;
  }

  toJSON(): { code: string; message: string; context: Record<string, unknown> } {
    return { code: this.code, message: this.message, context: this.context };
  }
}
