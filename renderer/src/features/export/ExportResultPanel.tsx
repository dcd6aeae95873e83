import type { ExportResult } from '../../../../shared/domain';
import { formatBytes } from '../../lib/format';

export function ExportResultPanel({ result }: { result: ExportResult }) {
  return (
    <section className="panel" aria-labelledby="export-result-heading" data-testid="export-result">
      <h2 id="export-result-heading">Package written</h2>
      <dl className="kv">
        <dt>Folder</dt>
        <dd className="mono break" data-testid="export-package-dir">
          {result.packageDir}
        </dd>
        <dt>Zip</dt>
        <dd className="mono break" data-testid="export-zip-path">
          {result.zipPath}
        </dd>
        <dt>Signing key</dt>
        <dd className="mono break" data-testid="export-fingerprint">
          {result.signingKeyFingerprint}
        </dd>
      </dl>
      <div className="table-wrap table-wrap--scroll">
        <table className="table" data-testid="export-files">
          <caption className="sr-only">Files in the package with their SHA-256</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {result.files.map((f) => (
              <tr key={f.path}>
                <td className="mono">{f.path}</td>
                <td className="num nowrap">{formatBytes(f.bytes)}</td>
                <td className="mono small break">{f.sha256}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
