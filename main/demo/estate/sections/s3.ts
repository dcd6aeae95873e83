// The s3 group's part of a replayable account (Estate.s3Extras): the facts its replay responders render.
export type S3Extras = Record<string, unknown>;
