// Errors the core raises on purpose, each mapping to a contract error code. Anything else is 'failed'.
export class NotFoundError extends Error {}
export class RefusedError extends Error {}
