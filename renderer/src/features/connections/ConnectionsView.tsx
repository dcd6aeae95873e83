// Pick where to snapshot from and run a collection. Credentials never pass through the UI: a connection is a
// name for a profile / env chain / custom endpoint / an Azure identity / a demo, and only its kind, source and
// (Azure) subscriptions are shown. An Azure connection runs over its subscriptions, all or the ones picked.
import { useState } from 'react';
import type { Connection } from '../../../../shared/domain';
import { EmptyState } from '../../components/EmptyState';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { useCall } from '../../lib/use-call';
import { useWorkspace } from '../../lib/workspace';
import { AzureCloudForm } from './AzureCloudForm';
import { CustomEndpointForm } from './CustomEndpointForm';
import {
  ALL_SUBSCRIPTIONS,
  NO_ORGANIZATION,
  OrganizationOption,
  RunPanel,
  SubscriptionPicker,
  azureChoiceError,
  organizationChoiceError,
  type AzureChoice,
  type OrganizationChoice,
} from './RunPanel';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Parses "eu-west-1, us-east-1" into names, reporting the ones that are not AWS region names. */
export function parseRegions(text: string): { regions: string[]; invalid: string[] } {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  const unique = [...new Set(parts)];
  return {
    regions: unique.filter((r) => REGION_PATTERN.test(r)),
    invalid: unique.filter((r) => !REGION_PATTERN.test(r)),
  };
}

export function ConnectionsView() {
  const ws = useWorkspace();
  // Only the Refresh button asks for a fresh look at the Azure CLI; other reloads take its recent answer.
  const [refresh, setRefresh] = useState(false);
  const { data, loading, reload: reloadList } = useCall('connections.list', refresh ? { refresh } : {});
  const relist = (fresh: boolean) => {
    setRefresh(fresh);
    reloadList();
  };
  const reload = () => relist(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [regionText, setRegionText] = useState('');
  const [organization, setOrganization] = useState<OrganizationChoice>(NO_ORGANIZATION);
  const [azureChoice, setAzureChoice] = useState<AzureChoice>(ALL_SUBSCRIPTIONS);
  const reportError = useReportError();

  async function removeEndpoint(c: Connection) {
    try {
      await call('connections.removeEndpoint', { connectionId: c.id });
      if (selected === c.id) setSelected(null);
      reload();
    } catch (err) {
      reportError(err, 'connections.removeEndpoint');
    }
  }

  const connections = data?.connections ?? [];
  const chosen: Connection | undefined = connections.find((c) => c.id === selected);
  const { regions, invalid } = parseRegions(regionText);
  const running = ws.run.starting || (ws.run.snapshotId !== null && ws.run.finished === null);
  const isAzure = chosen?.provider === 'azure';
  // AWS options do not apply to an Azure connection, and the subscription choice not to an AWS one.
  const orgError = isAzure ? azureChoiceError(azureChoice) : organizationChoiceError(organization);
  const choose = (id: string) => {
    if (id !== selected) setAzureChoice(ALL_SUBSCRIPTIONS);
    setSelected(id);
  };

  return (
    <section className="view" aria-labelledby="connections-heading">
      <header className="view__header">
        <h1 id="connections-heading">Connections</h1>
        <button type="button" className="btn btn--ghost" onClick={() => relist(true)} disabled={loading}>
          Refresh
        </button>
      </header>

      {data && data.problems.length > 0 ? (
        <div className="notice notice--warn" role="status" data-testid="connection-problems">
          <strong>Problems found while discovering connections</strong>
          <ul>
            {data.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {loading && !data ? <p className="muted">Discovering connections…</p> : null}
      {data && connections.length === 0 ? (
        <EmptyState title="No connections found">
          Configure an AWS profile (~/.aws/config) or set AWS credentials in the environment, or sign in to
          Azure with az login, then Refresh. The built-in demo connections are always available when the core
          is started with them.
        </EmptyState>
      ) : null}

      {connections.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="connections-table">
            <caption className="sr-only">Connections you can snapshot</caption>
            <thead>
              <tr>
                <th scope="col" className="col-select">
                  <span className="sr-only">Select</span>
                </th>
                <th scope="col">Name</th>
                <th scope="col">Provider</th>
                <th scope="col">Kind</th>
                <th scope="col">Region</th>
                <th scope="col">Source</th>
                <th scope="col">Cloud</th>
                <th scope="col">Subscriptions</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {connections.map((c) => (
                <tr
                  key={c.id}
                  className={c.id === selected ? 'is-selected' : undefined}
                  data-testid={`connection-row-${c.id}`}
                  onClick={() => choose(c.id)}
                >
                  <td className="col-select">
                    <input
                      type="radio"
                      name="connection"
                      value={c.id}
                      checked={c.id === selected}
                      onChange={() => choose(c.id)}
                      aria-label={`Select connection ${c.name}`}
                    />
                  </td>
                  <td>{c.name}</td>
                  <td className="upper">{c.provider}</td>
                  <td>{c.kind}</td>
                  <td>{c.region ?? '—'}</td>
                  <td className="muted">{c.source}</td>
                  <td
                    data-testid={`connection-cloud-${c.id}`}
                    title={c.cloud ? `${c.cloud.resourceManager} (from ${c.cloud.source})` : undefined}
                  >
                    {c.cloud ? c.cloud.name : '—'}
                  </td>
                  <td data-testid={`connection-subscriptions-${c.id}`}>
                    {c.provider !== 'azure'
                      ? '—'
                      : c.subscriptions && c.subscriptions.length > 0
                        ? c.subscriptions.map((s) => s.name).join(', ')
                        : 'listed at run start'}
                  </td>
                  <td>
                    {c.kind === 'custom-endpoint' ? (
                      <button
                        type="button"
                        className="btn btn--ghost"
                        data-testid={`remove-endpoint-${c.id}`}
                        aria-label={`Remove custom endpoint ${c.name}`}
                        onClick={(e) => {
                          e.stopPropagation();
                          void removeEndpoint(c);
                        }}
                      >
                        Remove
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <form
        className="run-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!chosen || running || orgError) return;
          if (isAzure) void ws.run.start(chosen.id, [], undefined, azureChoice);
          else if (invalid.length === 0) void ws.run.start(chosen.id, regions, organization);
        }}
      >
        {isAzure && chosen ? (
          <SubscriptionPicker
            known={chosen.subscriptions ?? []}
            value={azureChoice}
            onChange={setAzureChoice}
          />
        ) : null}
        {isAzure ? null : (
          <label className="field">
            <span>Regions (optional)</span>
            <input
              type="text"
              data-testid="region-filter"
              placeholder="all enabled regions, or e.g. eu-west-1, us-east-1"
              value={regionText}
              onChange={(e) => setRegionText(e.target.value)}
              aria-invalid={invalid.length > 0}
              aria-describedby="region-help"
            />
            <span id="region-help" className={invalid.length > 0 ? 'field__error' : 'field__help'}>
              {invalid.length > 0
                ? `Not AWS region names: ${invalid.join(', ')}. Use names like eu-west-1.`
                : 'Comma-separated. Leave empty to collect every enabled region.'}
            </span>
          </label>
        )}
        {isAzure ? null : <OrganizationOption value={organization} onChange={setOrganization} />}
        <button
          type="submit"
          className="btn btn--primary"
          data-testid="run-snapshot"
          disabled={!chosen || (!isAzure && invalid.length > 0) || running || orgError !== null}
        >
          {ws.run.starting ? 'Starting…' : isAzure ? 'Run Azure snapshot' : 'Run snapshot'}
        </button>
        {!chosen && connections.length > 0 ? <span className="muted">Select a connection first.</span> : null}
      </form>

      <RunPanel />

      {chosen?.provider === 'azure' && chosen.cloud?.settable ? (
        <AzureCloudForm key={chosen.id} connection={chosen} onSaved={reload} />
      ) : null}

      <CustomEndpointForm
        profiles={connections
          .filter((c) => c.id.startsWith('aws-profile:'))
          .map((c) => c.id.slice('aws-profile:'.length))}
        onSaved={(c) => {
          setSelected(c.id);
          reload();
        }}
      />
    </section>
  );
}
