// Sets the Azure cloud of the environment service principal or azd connection: public, US Government, China,
// or a custom Resource Manager endpoint (Azure Stack Hub, a private endpoint) with its authority host and
// Microsoft Graph. The endpoints are checked here with the rules the core applies (shared/azure-cloud.ts:
// https only, no credentials, no query), so a typo shows before saving; the core checks again and audits it.
// The Azure CLI connection has no form: its cloud is `az cloud show`'s (change it with az cloud set).
import { useState, type ReactNode } from 'react';
import { AZURE_CLOUD_NAMES, type SetAzureCloudInput } from '../../../../shared/azure-cloud';
import type { Connection } from '../../../../shared/domain';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import {
  cloudChoiceOf,
  cloudFormProblems,
  type Choice,
  type CloudForm,
  type Field,
} from './azure-cloud-form';

export function AzureCloudForm({ connection, onSaved }: { connection: Connection; onSaved: () => void }) {
  const reportError = useReportError();
  const current = connection.cloud;
  const knownName = (AZURE_CLOUD_NAMES as readonly string[]).includes(current?.name ?? '');
  const [form, setForm] = useState<CloudForm>({
    cloud: !current ? 'AzureCloud' : knownName ? (current.name as Choice) : 'custom',
    name: current && !knownName ? current.name : '',
    resourceManager: current && !knownName ? current.resourceManager : '',
    authorityHost: '',
    graph: '',
  });
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const problems = cloudFormProblems(form);
  const show = (f: Field) => (touched ? problems[f] : undefined);
  const set = (patch: Partial<CloudForm>) => setForm((f) => ({ ...f, ...patch }));

  async function save(cloud: SetAzureCloudInput['cloud']) {
    setBusy(true);
    try {
      await call('connections.setAzureCloud', {
        connectionId: connection.id as SetAzureCloudInput['connectionId'],
        cloud,
      });
      setTouched(false);
      onSaved();
    } catch (err) {
      reportError(err, 'connections.setAzureCloud');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="azure-cloud-heading" data-testid="azure-cloud-form">
      <h2 id="azure-cloud-heading">Azure cloud of {connection.name}</h2>
      <p className="muted">
        Now: {current ? `${current.name} (${current.resourceManager}, from ${current.source})` : 'not known'}.
        Sign-in and every call of this connection go to the cloud chosen here. Custom endpoints must be https
        and are verified with this machine&apos;s certificate store (NODE_EXTRA_CA_CERTS adds a private CA).
      </p>
      <form
        className="add-endpoint"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (Object.keys(problems).length === 0) void save(cloudChoiceOf(form));
        }}
      >
        <label className="inline-field">
          <span>Cloud</span>
          <select
            data-testid="azure-cloud-choice"
            value={form.cloud}
            onChange={(e) => set({ cloud: e.target.value as Choice })}
          >
            <option value="AzureCloud">Azure (public)</option>
            <option value="AzureUSGovernment">Azure US Government</option>
            <option value="AzureChinaCloud">Azure China (21Vianet)</option>
            <option value="custom">Custom Resource Manager endpoint (Azure Stack Hub, private)</option>
          </select>
        </label>
        {form.cloud === 'custom' ? (
          <>
            <Labelled label="Name" error={show('name')}>
              <input
                type="text"
                data-testid="azure-cloud-name"
                placeholder="e.g. AzureStackHub"
                maxLength={80}
                value={form.name}
                onChange={(e) => set({ name: e.target.value })}
              />
            </Labelled>
            <Labelled label="Resource Manager" error={show('resourceManager')}>
              <input
                type="url"
                data-testid="azure-cloud-arm"
                placeholder="https://management.local.azurestack.external"
                value={form.resourceManager}
                onChange={(e) => set({ resourceManager: e.target.value })}
              />
            </Labelled>
            <Labelled label="Authority host" error={show('authorityHost')}>
              <input
                type="url"
                data-testid="azure-cloud-authority"
                placeholder="https://login.microsoftonline.com"
                value={form.authorityHost}
                onChange={(e) => set({ authorityHost: e.target.value })}
              />
            </Labelled>
            <Labelled label="Microsoft Graph (optional)" error={show('graph')}>
              <input
                type="url"
                data-testid="azure-cloud-graph"
                placeholder="none: the Entra ID checks answer error"
                value={form.graph}
                onChange={(e) => set({ graph: e.target.value })}
              />
            </Labelled>
          </>
        ) : null}
        <button type="submit" className="btn" data-testid="azure-cloud-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save cloud'}
        </button>
        {current?.source === 'setting' ? (
          <button
            type="button"
            className="btn btn--ghost"
            data-testid="azure-cloud-clear"
            disabled={busy}
            onClick={() => void save(null)}
          >
            Use the environment&apos;s cloud
          </button>
        ) : null}
      </form>
    </section>
  );
}

function Labelled({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <label className="inline-field">
      <span>{label}</span>
      {children}
      {error ? <span className="field__error">{error}</span> : null}
    </label>
  );
}
