// The findings view's window onto a snapshot's findings: pages of PAGE_SIZE rows fetched with findings.query
// as the list scrolls, kept in a small cache, so 1.5M findings cost the browser what 1k do. Sorting and
// filtering happen in the core (SQL); a new sort or filter starts a fresh cache.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallRequest } from '../../../../shared/api';
import type { Finding, FindingFacets, FindingFilters, FindingSort } from '../../../../shared/domain';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';

export const PAGE_SIZE = 100;
/** Pages kept at most (4,000 rows); the ones farthest from where the analyst is looking go first. */
const MAX_PAGES = 40;

export type FindingsQueryInput = { snapshotId: string; sort: FindingSort[]; filters: FindingFilters };

type Loaded = {
  key: string;
  snapshotId: string;
  pages: ReadonlyMap<number, Finding[]>;
  total: number;
  unfilteredTotal: number;
  facets: FindingFacets;
};

export type FindingsPages = {
  /** The current query is not answered yet; what is shown meanwhile is the previous query's answer. */
  loading: boolean;
  /** Something to show: an answer for this snapshot (current or, while loading, the previous query's). */
  ready: boolean;
  total: number;
  unfilteredTotal: number;
  facets: FindingFacets;
  /** The row at an index of the sorted, filtered list, or undefined while its page is on its way. */
  rowAt: (index: number) => Finding | undefined;
  /** Asks for the pages covering rows first..last (inclusive) that are neither cached nor requested. */
  ensureRows: (first: number, last: number) => void;
};

const NO_FACETS: FindingFacets = { status: {}, severity: {}, service: {} };

export function useFindingsPages(query: FindingsQueryInput | null): FindingsPages {
  const reportError = useReportError();
  const key = query === null ? null : JSON.stringify(query);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  // Requests in flight for the current key; answers for an older key are dropped on arrival.
  const inFlight = useRef(new Set<number>());
  const currentKey = useRef<string | null>(null);

  const fetchPage = useCallback(
    (forKey: string, page: number) => {
      if (inFlight.current.has(page)) return;
      inFlight.current.add(page);
      const q = JSON.parse(forKey) as FindingsQueryInput;
      const request: CallRequest<'findings.query'> = {
        snapshotId: q.snapshotId,
        sort: q.sort,
        filters: q.filters,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      };
      call('findings.query', request).then(
        (res) => {
          if (currentKey.current !== forKey) return;
          inFlight.current.delete(page);
          setLoaded((prev) => {
            const pages = new Map(prev?.key === forKey ? prev.pages : []);
            pages.set(page, res.rows);
            while (pages.size > MAX_PAGES) {
              const farthest = [...pages.keys()].reduce((a, b) =>
                Math.abs(b - page) > Math.abs(a - page) ? b : a,
              );
              pages.delete(farthest);
            }
            return {
              key: forKey,
              snapshotId: q.snapshotId,
              pages,
              total: res.total,
              unfilteredTotal: res.unfilteredTotal,
              facets: res.facets,
            };
          });
        },
        (err: unknown) => {
          if (currentKey.current !== forKey) return;
          inFlight.current.delete(page);
          reportError(err, 'findings.query');
        },
      );
    },
    [reportError],
  );

  useEffect(() => {
    currentKey.current = key;
    inFlight.current = new Set();
    if (key !== null) fetchPage(key, 0);
  }, [key, fetchPage]);

  const fresh = loaded !== null && loaded.key === key;
  const pages = fresh ? loaded.pages : null;
  // Until a new sort or filter is answered the previous answer stays up (no flash of an empty list), but
  // never another snapshot's rows under this snapshot's heading.
  const shown = loaded !== null && query !== null && loaded.snapshotId === query.snapshotId ? loaded : null;
  const shownPages = shown?.pages;

  const ensureRows = useCallback(
    (first: number, last: number) => {
      if (key === null || last < first) return;
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) {
        if (!pages?.has(p)) fetchPage(key, p);
      }
    },
    [key, pages, fetchPage],
  );

  const rowAt = useCallback(
    (index: number) => shownPages?.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [shownPages],
  );

  return {
    loading: key !== null && !fresh,
    ready: shown !== null,
    total: shown?.total ?? 0,
    unfilteredTotal: shown?.unfilteredTotal ?? 0,
    facets: shown?.facets ?? NO_FACETS,
    rowAt,
    ensureRows,
  };
}
