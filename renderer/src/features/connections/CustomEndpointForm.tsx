// Saves a custom endpoint connection: a URL every AWS call of a snapshot goes to (LocalStack or another
// emulator, a FIPS or VPC endpoint), the region to sign for, and which credentials to use. The URL is checked
// here with the same rules the core applies (shared/custom-endpoint.ts), so a typo is caught before saving;
// the core checks again and audits the change.
import { useState, type ReactNode } from 'react';
import type { Connection } from '../../../../shared/domain';
import { AWS_PROFILE_NAME, endpointUrlProblem } from '../../../../shared/custom-endpoint';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** What is wrong with the form, field by field (empty when it can be saved). */
export function endpointFormProblems(form: {
  name: string;
  url: string;
  region: string;
  source: 'profile' | 'env';
  profile: string;
}): Partial<Record<'name' | 'url' | 'region' | 'profile', string>> {
  const out: Partial<Record<'name' | 'url' | 'region' | 'profile', string>> = {};
  if (!/[a-z0-9]/i.test(form.name)) out.name = 'Give it a name with at least one letter or digit.';
  const url = endpointUrlProblem(form.url);
  if (url) out.url = url;
  if (!REGION_PATTERN.test(form.region.trim())) out.region = 'An AWS region name, e.g. us-east-1.';
  if (form.source === 'profile' && !AWS_PROFILE_NAME.test(form.profile.trim()))
    out.profile = 'The name of a profile in ~/.aws/config, e.g. localstack.';
  return out;
}

export function CustomEndpointForm({
  profiles,
  onSaved,
}: {
  /** Profile names found on this machine, offered as suggestions. */
  profiles: string[];
  onSaved: (c: Connection) => void;
}) {
  const reportError = useReportError();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const [source, setSource] = useState<'profile' | 'env'>('profile');
  const [profile, setProfile] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const problems = endpointFormProblems({ name, url, region, source, profile });
  const show = (field: keyof typeof problems) => (touched ? problems[field] : undefined);

  async function save() {
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const saved = await call('connections.addEndpoint', {
        name: name.trim(),
        url: url.trim(),
        region: region.trim(),
        credentials: source === 'profile' ? { source, profile: profile.trim() } : { source },
      });
      setName('');
      setUrl('');
      setTouched(false);
      onSaved(saved);
    } catch (err) {
      reportError(err, 'connections.addEndpoint');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="custom-endpoint-heading">
      <h2 id="custom-endpoint-heading">Add a custom endpoint</h2>
      <p className="muted">
        For LocalStack or another emulator, or a FIPS or VPC endpoint: every API call of a snapshot taken
        through it goes to this URL. A profile&apos;s own endpoint_url in ~/.aws/config is used without adding
        anything here.
      </p>
      <form
        className="add-endpoint"
        data-testid="custom-endpoint-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label="Name" error={show('name')}>
          <input
            type="text"
            data-testid="endpoint-name"
            placeholder="e.g. LocalStack"
            maxLength={80}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field label="URL" error={show('url')}>
          <input
            type="url"
            data-testid="endpoint-url"
            placeholder="http://localhost:4566"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </Field>
        <Field label="Region" error={show('region')}>
          <input
            type="text"
            data-testid="endpoint-region"
            value={region}
            onChange={(e) => setRegion(e.target.value)}
          />
        </Field>
        <fieldset className="inline-field">
          <legend>Credentials</legend>
          <label>
            <input
              type="radio"
              name="endpoint-credentials"
              checked={source === 'profile'}
              onChange={() => setSource('profile')}
            />{' '}
            AWS profile
          </label>
          <label>
            <input
              type="radio"
              name="endpoint-credentials"
              data-testid="endpoint-env"
              checked={source === 'env'}
              onChange={() => setSource('env')}
            />{' '}
            Environment variables
          </label>
        </fieldset>
        {source === 'profile' ? (
          <Field label="Profile" error={show('profile')}>
            <input
              type="text"
              data-testid="endpoint-profile"
              list="endpoint-profiles"
              value={profile}
              onChange={(e) => setProfile(e.target.value)}
            />
            <datalist id="endpoint-profiles">
              {profiles.map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
          </Field>
        ) : null}
        <button type="submit" className="btn" data-testid="endpoint-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save endpoint'}
        </button>
      </form>
    </section>
  );
}

function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <label className="inline-field">
      <span>{label}</span>
      {children}
      {error ? <span className="field__error">{error}</span> : null}
    </label>
  );
}
