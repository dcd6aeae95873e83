// The order raw responses and gaps are numbered in (their `seq`), which the snapshot content hash follows.
// Collection is concurrent, so the order responses arrive in differs from run to run; numbering by arrival
// would give the same account two different content hashes and shuffle the raw evidence an auditor reads.
// The seal therefore numbers them by what was asked: service, region, operation, then the request parameters
// without their pagination token, then arrival. Arrival only breaks ties between calls that are sequential by
// nature (the pages of one listing, the polls of the credential report), so the numbering is the same on
// every run. Gaps are ordered by every column: two gaps that tie are identical rows.
//
// These are ORDER BY terms over the staged rows (main/store/staging.ts), where `seq` is the arrival number.
// It lives in the store because the numbering is part of how a snapshot is sealed, not of how it is collected.

/** Request parameters that only say which page: the same listing, whichever page. */
export const PAGINATION_PARAMS = ['Marker', 'NextToken', 'ContinuationToken', 'nextToken'] as const;

export const RAW_EVIDENCE_ORDER_SQL = `service, region, operation, json_remove(params, ${PAGINATION_PARAMS.map(
  (k) => `'$.${k}'`,
).join(', ')}), seq`;

// `resource` (NULL for an account-wide call, sorted first) separates the same call failing for two buckets.
export const GAP_EVIDENCE_ORDER_SQL = 'service, region, operation, resource, code, message, seq';
