// Errors the core raises on purpose, each mapping to a contract error code. Anything else is 'failed'.
export class NotFoundError extends Error {}
export class RefusedError extends Error {}
/** Work the analyst stopped (e.g. an export they cancelled): not a failure, and nothing of it was kept. */
export class CancelledError extends Error {}
