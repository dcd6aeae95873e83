// The logging group's part of a replayable account (Estate.logging): the facts its replay responders render.
export type LoggingEstate = Record<string, unknown>;
