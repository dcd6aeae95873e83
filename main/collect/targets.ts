// Turns a connection id from connections.list into something the AWS collector can call.
import type { Connection } from '../../shared/domain';
import type { AwsTarget } from './aws/index';
import { awsCredentialsFor, discoverAwsConnections } from './aws/credentials';
import { startDemoEstate } from '../demo/demo-target';
import { NotFoundError } from '../core/errors';

export type ResolvedTarget = { connection: string; target: AwsTarget; close(): Promise<void> };

export async function resolveTarget(
  connectionId: string,
  regions: string[] | undefined,
): Promise<ResolvedTarget> {
  if (connectionId === 'demo') {
    const demo = await startDemoEstate();
    return {
      connection: 'demo',
      target: { ...demo.target, regions: regions?.length ? regions : demo.target.regions },
      close: demo.close,
    };
  }
  const known = findConnection(connectionId);
  return {
    connection: known.id,
    target: {
      credentials: awsCredentialsFor(connectionId),
      homeRegion: known.region ?? 'us-east-1',
      regions: regions?.length ? regions : undefined,
    },
    close: async () => {},
  };
}

/** Fails fast (before a snapshot row exists) when the connection is not on this machine. */
export function findConnection(connectionId: string): Connection {
  const known = discoverAwsConnections().connections.find((c) => c.id === connectionId);
  if (!known) {
    throw new NotFoundError(
      `No connection "${connectionId}". Check ~/.aws/config (or AWS_CONFIG_FILE) and refresh the connection list.`,
    );
  }
  return known;
}
