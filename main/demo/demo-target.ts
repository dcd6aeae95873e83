// The embedded demo: the Northwind Health estate served by the replay server on loopback, with static fake
// credentials, so "Try the demo" runs the REAL collectors, checks and exports with no AWS account.
import type { AwsTarget } from '../collect/aws/index';
import { northwindHealth } from './estate/northwind-health';
import { startReplayServer } from './replay/server';

/** AWS's documented example key pair: obviously fake, and the only one the demo estate accepts. */
export const DEMO_CREDENTIALS = {
  accessKeyId: northwindHealth.accessKeyId,
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

export const DEMO_ACCOUNT_ID = northwindHealth.accountId;
export const DEMO_ORGANISATION = northwindHealth.organisation;

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
  const server = await startReplayServer({ estate: northwindHealth, latencyMs: demoLatencyMs() });
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
