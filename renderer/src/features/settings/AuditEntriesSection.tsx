// The audit log's entries, newest first, a page at a time: who did what to which thing, with the details
// recorded. The chain's integrity is checked by "Verify audit log" above.
import { useState } from 'react';
import type { CallResponse } from '../../../../shared/api';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { formatCount, formatJson, formatTimestamp } from '../../lib/format';

const PAGE = 50;
type Entry = CallResponse<'audit.list'>['entries'][number];

export function AuditEntriesSection() {
  const reportError = useReportError();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [total, setTotal] = useState(0);
  const [busy, setBusy] = useState(false);

  async function load(more: boolean) {
    setBusy(true);
    try {
      const last = more && entries && entries.length > 0 ? entries[entries.length - 1].seq : undefined;
      const page = await call('audit.list', { beforeSeq: last, limit: PAGE });
      setEntries(more && entries ? [...entries, ...page.entries] : page.entries);
      setTotal(page.total);
    } catch (err) {
      reportError(err, 'audit.list');
    } finally {
      setBusy(false);
    }
  }

  const oldest = entries && entries.length > 0 ? entries[entries.length - 1].seq : null;
  return (
    <section className="panel" aria-labelledby="audit-entries-heading" data-testid="audit-log-list">
      <div className="row-gap">
        <h2 id="audit-entries-heading" className="grow">
          Audit log entries
        </h2>
        <button
          type="button"
          className="btn"
          data-testid="audit-list"
          disabled={busy}
          onClick={() => void load(false)}
        >
          {entries ? 'Refresh' : 'Show entries'}
        </button>
      </div>
      {entries ? (
        <>
          <p className="muted small">
            Showing {formatCount(entries.length)} of {formatCount(total)}, newest first.
          </p>
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">On</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq} data-testid="audit-row">
                  <td className="num">{e.seq}</td>
                  <td className="nowrap small">{formatTimestamp(e.at)}</td>
                  <td className="small break">{e.actor}</td>
                  <td className="mono small">{e.action}</td>
                  <td className="mono small break">{e.entity}</td>
                  <td className="small">
                    <details>
                      <summary>details</summary>
                      <pre className="code">{formatJson(e.details)}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {oldest !== null && oldest > 1 ? (
            <button
              type="button"
              className="btn"
              data-testid="audit-more"
              disabled={busy}
              onClick={() => void load(true)}
            >
              Older entries
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
