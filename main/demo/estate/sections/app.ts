// The app group's part of a replayable account (Estate.appServices): the facts its replay responders render.
export type AppServicesEstate = Record<string, unknown>;
