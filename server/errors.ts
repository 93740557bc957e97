// Typed application errors: every failure a user can cause or meet has a code, an HTTP status and a message.

const STATUS = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  not_ready: 503,
  upstream: 502,
  internal: 500,
} as const;

export type ErrorKind = keyof typeof STATUS;
export type HttpErrorStatus = (typeof STATUS)[ErrorKind];

/**
 * An error meant to reach the user. `code` is `kind` or `kind:subject` (e.g. `not_found:question`),
 * so clients can branch on the kind and people can read the subject.
 */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;

  constructor(kind: ErrorKind, message: string, subject?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.kind = kind;
    this.code = subject ? `${kind}:${subject}` : kind;
  }

  get status(): HttpErrorStatus {
    return STATUS[this.kind];
  }

  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** The index on disk is missing, corrupt, or was built differently from what is asked for. */
export class IndexError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('not_ready', message, 'index', options);
    this.name = 'IndexError';
  }
}

/** Input notes could not be read or parsed into questions. */
export class NotesError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad_request', message, 'notes', options);
    this.name = 'NotesError';
  }
}
