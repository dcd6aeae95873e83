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

export async function startDemoEstate(): Promise<{ target: AwsTarget; close(): Promise<void> }> {
  const server = await startReplayServer({ estate: northwindHealth });
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
