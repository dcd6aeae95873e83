// The org group's part of a replayable account (Estate.organization): the facts its replay responders render.
export type OrganizationEstate = Record<string, unknown>;
