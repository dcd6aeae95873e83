// The iam group's part of a replayable account (Estate.iamExtras): the facts its replay responders render.
export type IamExtras = Record<string, unknown>;
