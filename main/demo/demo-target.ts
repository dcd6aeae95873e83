// The embedded demo: the Northwind Health organisation served by the replay server on loopback, with static
// fake credentials, so "Try the demo" runs the REAL collectors, checks and exports with no AWS account. The
// demo connection's credentials are the management account's (111122223333); a whole-organisation run
// reaches the members 444455556666 and 888899990000 through STS AssumeRole, and fails to assume the role in
// 777788889999,
// whose role does not trust the management account (a recorded gap on the run).
import type { AwsTarget } from '../collect/aws/index';
import { registerConnectionProvider } from '../collect/connection-registry';
import type { Connection } from '../../shared/domain';
import { northwindDev } from './estate/northwind-dev';
import { northwindHealth } from './estate/northwind-health';
import { northwindLegacy } from './estate/northwind-legacy';
import { startReplayServer } from './replay/server';

/** AWS's documented example key pair: obviously fake, and the only one the demo estate accepts. */
export const DEMO_CREDENTIALS = {
  accessKeyId: northwindHealth.accessKeyId,
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

export const DEMO_ACCOUNT_ID = northwindHealth.accountId;
export const DEMO_ORGANISATION = northwindHealth.organisation;
/** The member accounts the demo server holds besides the management account. */
export const DEMO_MEMBER_ESTATES = [northwindDev, northwindLegacy];

/**
 * Test-only: EVIDENCE_DESK_DEMO_LATENCY_MS delays every demo API answer (0-2000 ms), so a test can act while
 * a demo snapshot is still collecting in another process (test/security/workspace-processes.test.ts).
 */
export const DEMO_LATENCY_ENV = 'EVIDENCE_DESK_DEMO_LATENCY_MS';

function demoLatencyMs(): number {
  const raw = process.env[DEMO_LATENCY_ENV];
  if (raw === undefined || raw === '') return 0;
  const ms = Number(raw);
  // Below the demo's 10 s request timeout with room for retries; anything else is a typo, said plainly.
  if (!Number.isInteger(ms) || ms < 0 || ms > 2000)
    throw new Error(
      `${DEMO_LATENCY_ENV} must be a whole number of milliseconds from 0 to 2000, not "${raw}"`,
    );
  return ms;
}

export async function startDemoEstate(): Promise<{ target: AwsTarget; close(): Promise<void> }> {
  const server = await startReplayServer({
    estate: northwindHealth,
    members: DEMO_MEMBER_ESTATES,
    latencyMs: demoLatencyMs(),
  });
  return {
    target: {
      credentials: DEMO_CREDENTIALS,
      endpoint: server.url,
      homeRegion: 'us-east-1',
      // Loopback answers instantly; short timeouts keep a broken demo from hanging the UI.
      requestTimeoutMs: 10_000,
      maxAttempts: 3,
    },
    close: () => server.close(),
  };
}

/** The demo as connections.list shows it. */
export const DEMO_CONNECTION: Connection = {
  id: 'demo',
  provider: 'aws',
  name: 'Demo estate (Northwind Health, fictional)',
  kind: 'demo',
  region: 'us-east-1',
  source: 'embedded demo',
};

/**
 * Plugs the demo into the connection registry (main/collect/connection-registry.ts). Called where a process
 * that can take snapshots starts: opening a workspace (app, browser mode, CLI) and the job worker, which
 * resolves the snapshot's target. collect never imports the demo.
 */
export function registerDemoConnection(): void {
  registerConnectionProvider('demo', {
    connections: () => [DEMO_CONNECTION],
    resolve: async (_connectionId, regions) => {
      const demo = await startDemoEstate();
      return {
        connection: DEMO_CONNECTION.id,
        target: { ...demo.target, regions: regions?.length ? regions : demo.target.regions },
        close: demo.close,
      };
    },
  });
}
