// The data group's part of a replayable account (Estate.dataStores): the facts its replay responders render.
export type DataStoresEstate = Record<string, unknown>;
