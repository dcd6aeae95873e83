// Keeps the answer of Azure connection discovery (`az account list`, `az cloud show`, `azd version`: child
// processes taking seconds, az being a Python program) for a short time in this process. connections.list is
// asked on every refresh of the Connections view and of the assessment picker, and spawning the CLIs each time
// made both slow for an answer that rarely changes. The answer is kept per environment that decides it (which
// az is on PATH, which login store it reads, the service principal variables), never across a change of it.
// Who must not see a stale login state asks for a fresh read: the analyst's explicit Refresh, and a run
// resolving its connection.
import crypto from 'node:crypto';
import { discoverAzureConnections, type AzureConnectionList } from './credentials';

type Env = Record<string, string | undefined>;

/** How long a discovery answer serves connection lists before the CLIs are asked again. */
export const AZURE_DISCOVERY_TTL_MS = 30_000;

/**
 * The variables discovery's answer depends on: where az/azd are found (PATH, PATHEXT), where they keep their
 * login (AZURE_CONFIG_DIR, AZD_CONFIG_DIR, else the home folder), and every AZURE_* variable (the service
 * principal, its authority host, the tenant hint). Values are hashed into the key, so no secret is kept in it.
 */
const DECIDING = /^(PATH|PATHEXT|HOME|USERPROFILE|AZURE_.*|AZD_.*)$/i;

export function discoveryKey(env: Env): string {
  const deciding = Object.entries(env)
    .filter(([name, value]) => DECIDING.test(name) && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return crypto.createHash('sha256').update(JSON.stringify(deciding)).digest('hex');
}

type Entry = { startedAt: number; answer: Promise<AzureConnectionList> };

export type DiscoveryCacheOptions = {
  ttlMs?: number;
  /** The clock (tests move it instead of waiting). */
  now?: () => number;
};

export class AzureDiscoveryCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly discover: (env: Env) => Promise<AzureConnectionList>,
    private readonly opts: DiscoveryCacheOptions = {},
  ) {}

  /**
   * Discovery's answer for `env`: a kept one younger than the TTL (also one still being read, so two lists at
   * once spawn the CLIs once), or, with `fresh` or none kept, a new read, which later lists then share.
   */
  get(env: Env, { fresh = false }: { fresh?: boolean } = {}): Promise<AzureConnectionList> {
    const key = discoveryKey(env);
    const now = this.now();
    const kept = this.entries.get(key);
    // Aged from when the read started: the answer describes the machine at some moment after that.
    if (!fresh && kept && now - kept.startedAt < (this.opts.ttlMs ?? AZURE_DISCOVERY_TTL_MS))
      return kept.answer;
    const entry: Entry = { startedAt: now, answer: this.discover(env) };
    this.entries.set(key, entry);
    // A failed read is not an answer to keep; a newer entry (a fresh read meanwhile) stays.
    entry.answer.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.answer;
  }

  /** Forgets every kept answer: the next get reads again whatever it asks. */
  clear(): void {
    this.entries.clear();
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }
}

/** The process's cache, shared by every registered Azure provider. */
export const azureDiscoveryCache = new AzureDiscoveryCache(discoverAzureConnections);

/** The analyst asked to refresh: the next connection list runs the CLIs again. */
export function forgetAzureDiscovery(): void {
  azureDiscoveryCache.clear();
}
