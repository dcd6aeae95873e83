// Azure connection discovery: which identities on this machine can take a snapshot, in which tenants, over
// which subscriptions, and an actionable sentence for each thing that stops one. Three sources, in the order an
// analyst most likely uses them:
//  - the Azure CLI (`az account list`, `az cloud show`): run with execFile (no shell), a timeout, and only ever
//    asked to print metadata; tokens are obtained later by AzureCliCredential itself;
//  - a service principal in the environment (AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET or
//    AZURE_CLIENT_CERTIFICATE_PATH): only whether the variables are set is looked at here; the secret is read
//    by @azure/identity's EnvironmentCredential and by nothing of ours;
//  - the Azure Developer CLI where `azd` is installed.
// Error text from the CLIs and from @azure/identity is passed through the secret redactor before it is shown.
import { execFile } from 'node:child_process';
import type { TokenCredential } from '@azure/core-auth';
import { isIdentityError, lazyCredential } from './identity-loader';
import type { Connection } from '../../../shared/domain';
import { redactText, RedactionTally } from '../secret-shapes';
import { AzurePublicCloud, KNOWN_CLOUDS, parseAzCloudShow, type AzureCloud } from './clouds';

type Env = Record<string, string | undefined>;

export const AZURE_CLI_CONNECTION_ID = 'azure-cli';
export const AZURE_ENV_CONNECTION_ID = 'azure-env';
export const AZURE_AZD_CONNECTION_ID = 'azure-azd';

/** How long a CLI may take to print its account list (az is a Python program: cold starts take seconds). */
export const CLI_TIMEOUT_MS = 20_000;

export const INSTALL_HINT =
  'Install the Azure CLI (https://learn.microsoft.com/cli/azure/install-azure-cli) and run az login, or use a service principal by setting AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.';

export type AzureSubscriptionInfo = {
  id: string;
  name: string;
  state: string;
  tenantId: string | null;
  /** The tenant's display name, where the source tells it (newer az versions print tenantDisplayName). */
  tenantName?: string | null;
};

export type AzureConnectionKind = 'azure-cli' | 'service-principal-env' | 'azure-developer-cli';

export type AzureConnection = {
  id: string;
  provider: 'azure';
  kind: AzureConnectionKind;
  name: string;
  /** Where the identity comes from, for the analyst; never a secret. */
  source: string;
  cloud: AzureCloud;
  /** Tenant ids the identity can get tokens for (as far as the source tells). */
  tenants: string[];
  /** Subscriptions known before any ARM call (the CLI's cache); [] = listed by ARM when the snapshot starts. */
  subscriptions: AzureSubscriptionInfo[];
};

export type AzureConnectionList = { connections: AzureConnection[]; problems: string[] };

/** The connection as the app's shared Connection list shows it. */
export function toSharedConnection(c: AzureConnection): Connection {
  return {
    id: c.id,
    provider: 'azure',
    name: c.name,
    kind: c.kind === 'service-principal-env' ? 'env' : 'unknown',
    region: null,
    source: c.source,
  };
}

function clean(text: string): string {
  return redactText(text, new RedactionTally());
}

type RunResult = { ok: boolean; missing: boolean; timedOut: boolean; stdout: string; stderr: string };

/** Runs a CLI with execFile (no shell: nothing is interpolated) and a timeout; never throws. */
export function runCli(
  file: string,
  args: string[],
  env: Env,
  timeoutMs = CLI_TIMEOUT_MS,
): Promise<RunResult> {
  // az and azd are .cmd scripts on Windows, which execFile can only start through cmd.exe.
  const command = process.platform === 'win32' ? `${file}.cmd` : file;
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env: env as NodeJS.ProcessEnv, timeout: timeoutMs, windowsHide: true, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { killed?: boolean }) | null;
        resolve({
          ok: !err,
          missing: err?.code === 'ENOENT',
          timedOut: Boolean(err?.killed),
          stdout: String(stdout ?? ''),
          stderr: String(stderr ?? ''),
        });
      },
    );
  });
}

/** `az account list --output json` entries as subscriptions; null when the output is not that list. */
export function parseAzAccountList(json: string): AzureSubscriptionInfo[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(doc)) return null;
  const out: AzureSubscriptionInfo[] = [];
  for (const a of doc as Record<string, unknown>[]) {
    if (!a || typeof a.id !== 'string') continue;
    out.push({
      id: a.id,
      name: typeof a.name === 'string' ? a.name : a.id,
      state: typeof a.state === 'string' ? a.state : 'Unknown',
      tenantId: typeof a.tenantId === 'string' ? a.tenantId : null,
      ...(typeof a.tenantDisplayName === 'string' && a.tenantDisplayName
        ? { tenantName: a.tenantDisplayName }
        : {}),
    });
  }
  return out;
}

const notLoggedIn = (tenant: string | undefined) =>
  `Azure CLI: not logged in - run az login${tenant ? ` --tenant ${tenant}` : ''}`;

async function discoverCli(env: Env): Promise<{ connection?: AzureConnection; problems: string[] }> {
  const list = await runCli('az', ['account', 'list', '--output', 'json'], env);
  if (list.missing) return { problems: [`Azure CLI (az) was not found on PATH. ${INSTALL_HINT}`] };
  if (list.timedOut)
    return {
      problems: [
        `Azure CLI: az account list did not finish within ${CLI_TIMEOUT_MS / 1000} s. Run it in a terminal to see why.`,
      ],
    };
  const tenantHint = env.AZURE_TENANT_ID || undefined;
  if (/az login/i.test(list.stderr) && !list.stdout.trim().startsWith('[{'))
    return { problems: [notLoggedIn(tenantHint)] };
  if (!list.ok)
    return {
      problems: [`Azure CLI: az account list failed: ${clean(list.stderr.trim().split('\n')[0] ?? '')}`],
    };
  const subscriptions = parseAzAccountList(list.stdout);
  if (subscriptions === null) return { problems: ['Azure CLI: az account list did not print a JSON list.'] };
  if (subscriptions.length === 0) return { problems: [notLoggedIn(tenantHint)] };

  const problems: string[] = [];
  let cloud = AzurePublicCloud;
  const show = await runCli('az', ['cloud', 'show', '--output', 'json'], env);
  try {
    if (!show.ok) throw new Error(clean(show.stderr.trim().split('\n')[0] ?? 'failed'));
    cloud = parseAzCloudShow(show.stdout);
  } catch (err) {
    problems.push(
      `Azure CLI: az cloud show failed (${(err as Error).message}); assuming the public Azure cloud.`,
    );
  }
  const tenants = [...new Set(subscriptions.map((s) => s.tenantId).filter((t): t is string => !!t))].sort();
  return {
    connection: {
      id: AZURE_CLI_CONNECTION_ID,
      provider: 'azure',
      kind: 'azure-cli',
      name: `Azure CLI (${cloud.name})`,
      source: `az account list: ${subscriptions.length} subscription(s) in ${tenants.length} tenant(s)`,
      cloud,
      tenants,
      subscriptions,
    },
    problems,
  };
}

function discoverEnv(env: Env): { connection?: AzureConnection; problems: string[] } {
  const tenant = env.AZURE_TENANT_ID;
  const client = env.AZURE_CLIENT_ID;
  // Presence only: the values stay in the environment for EnvironmentCredential.
  const hasSecret = Boolean(env.AZURE_CLIENT_SECRET);
  const hasCert = Boolean(env.AZURE_CLIENT_CERTIFICATE_PATH);
  if (!client && !hasSecret && !hasCert) return { problems: [] };
  if (!tenant || !client || (!hasSecret && !hasCert))
    return {
      problems: [
        'A service principal is partly configured in the environment: set all of AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH), or unset them.',
      ],
    };
  const authority = (env.AZURE_AUTHORITY_HOST ?? '').replace(/\/+$/, '').toLowerCase();
  const cloud = KNOWN_CLOUDS.find((c) => c.authorityHost === authority) ?? AzurePublicCloud;
  const sub = env.AZURE_SUBSCRIPTION_ID;
  return {
    connection: {
      id: AZURE_ENV_CONNECTION_ID,
      provider: 'azure',
      kind: 'service-principal-env',
      name: `Service principal ${client} (environment)`,
      source: `environment variables AZURE_TENANT_ID / AZURE_CLIENT_ID / ${hasSecret ? 'AZURE_CLIENT_SECRET' : 'AZURE_CLIENT_CERTIFICATE_PATH'}`,
      cloud,
      tenants: [tenant],
      subscriptions: sub ? [{ id: sub, name: sub, state: 'Unknown', tenantId: tenant }] : [],
    },
    problems: [],
  };
}

async function discoverAzd(env: Env): Promise<{ connection?: AzureConnection; problems: string[] }> {
  const version = await runCli('azd', ['version'], env, 10_000);
  if (!version.ok) return { problems: [] }; // azd is optional: not having it is not a problem
  const tenant = env.AZURE_TENANT_ID;
  return {
    connection: {
      id: AZURE_AZD_CONNECTION_ID,
      provider: 'azure',
      kind: 'azure-developer-cli',
      name: 'Azure Developer CLI (azd)',
      source: 'azd auth login; subscriptions are listed from Resource Manager when the snapshot starts',
      cloud: AzurePublicCloud,
      tenants: tenant ? [tenant] : [],
      subscriptions: [],
    },
    problems: [],
  };
}

/** Every Azure connection the analyst can choose, plus actionable problems. Never reads out a secret. */
export async function discoverAzureConnections(env: Env = process.env): Promise<AzureConnectionList> {
  const [cli, sp, azd] = await Promise.all([
    discoverCli(env),
    Promise.resolve(discoverEnv(env)),
    discoverAzd(env),
  ]);
  const connections = [cli, sp, azd].flatMap((r) => (r.connection ? [r.connection] : []));
  return { connections, problems: [...cli.problems, ...sp.problems, ...azd.problems] };
}

/**
 * The @azure/identity credential for a connection. `tenantId` picks the tenant the token is for (a CLI user
 * with subscriptions in two tenants needs one token per tenant).
 */
export function credentialFor(
  connection: Pick<AzureConnection, 'kind'>,
  opts: { tenantId?: string } = {},
): TokenCredential {
  switch (connection.kind) {
    case 'azure-cli':
      return lazyCredential(
        (id) => new id.AzureCliCredential({ tenantId: opts.tenantId, processTimeoutInMs: CLI_TIMEOUT_MS }),
      );
    case 'service-principal-env':
      return lazyCredential((id) => new id.EnvironmentCredential());
    case 'azure-developer-cli':
      return lazyCredential(
        (id) =>
          new id.AzureDeveloperCliCredential({ tenantId: opts.tenantId, processTimeoutInMs: CLI_TIMEOUT_MS }),
      );
  }
}

export function isAzureCredentialError(err: unknown): boolean {
  return isIdentityError(
    err,
    'CredentialUnavailableError',
    'AuthenticationRequiredError',
    'AggregateAuthenticationError',
    'AuthenticationError',
  );
}

/** One actionable sentence for a credential failure. Safe to display, log and export. */
export function explainAzureCredentialError(err: unknown, opts: { tenantId?: string } = {}): string {
  const tenant = opts.tenantId ? ` --tenant ${opts.tenantId}` : '';
  if (isIdentityError(err, 'AggregateAuthenticationError')) {
    const parts = [...new Set((err.errors ?? []).map((e) => explainAzureCredentialError(e, opts)))];
    return `No Azure credential worked: ${parts.join(' ')}`;
  }
  const raw = err instanceof Error ? err.message : String(err);
  if (isIdentityError(err, 'CredentialUnavailableError', 'AuthenticationRequiredError')) {
    if (/Azure CLI could not be found|az: not found|'az' is not recognized/i.test(raw))
      return `Azure CLI (az) is not installed or not on PATH. ${INSTALL_HINT}`;
    if (/Azure Developer CLI could not be found|azd: not found/i.test(raw))
      return 'The Azure Developer CLI (azd) is not installed or not on PATH. Install it or choose the Azure CLI connection.';
    if (/azd auth login/i.test(raw))
      return `The Azure Developer CLI is not logged in. Run: azd auth login${tenant ? ` --tenant-id ${opts.tenantId}` : ''}`;
    if (/az login|AADSTS70043|AADSTS700082|AADSTS50173|refresh token.*expired/i.test(raw))
      return `The Azure CLI is not logged in, or its sign-in expired. Run: az login${tenant}`;
    if (/EnvironmentCredential|environment variables/i.test(raw))
      return 'The service principal in the environment is incomplete: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH).';
    if (isIdentityError(err, 'AuthenticationRequiredError'))
      return `Azure needs you to sign in again. Run: az login${tenant}`;
    return `Azure credential unavailable: ${clean(raw.split('\n')[0].slice(0, 300))}`;
  }
  if (isIdentityError(err, 'AuthenticationError')) {
    if (/AADSTS7000215|AADSTS7000222|invalid client secret|client secret.*expired/i.test(raw))
      return "Entra ID refused the service principal's client secret (wrong or expired). Create a new secret and update AZURE_CLIENT_SECRET.";
    if (/AADSTS700016|AADSTS90002/i.test(raw))
      return 'Entra ID does not know this application or tenant: check AZURE_CLIENT_ID and AZURE_TENANT_ID.';
    return `Entra ID refused the sign-in: ${clean(raw.split('\n')[0].slice(0, 300))}`;
  }
  return `Azure sign-in failed: ${clean(raw.split('\n')[0].slice(0, 300))}`;
}
