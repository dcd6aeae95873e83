// Saving and removing custom endpoint connections (shared/custom-endpoint.ts) in the workspace setting
// customEndpoints. Both the UI (connections.addEndpoint / removeEndpoint) and the CLI come here, so they refuse
// the same things with the same words, and every change is audited in the same transaction as the change.
import type { Connection } from '../../shared/domain';
import {
  CUSTOM_ENDPOINT_PREFIX,
  CustomEndpointInput,
  customEndpointConnectionId,
  endpointIdFor,
  type CustomEndpoint,
} from '../../shared/custom-endpoint';
import { RefusedError } from '../core/errors';
import { writeTransaction, type Db } from '../store/db';
import { getSetting, setSetting } from '../store/settings-repo';
import { discoverAwsConnections, profileConnectionId } from './aws/credentials';
import { customEndpointConnection } from './targets';

type Audited = {
  db: Db;
  actor: string;
  audit(action: string, entity: string, details?: Record<string, unknown>): void;
};

/** Validates, saves and audits a custom endpoint; answers the connection as connections.list shows it. */
export function addCustomEndpoint(
  ws: Audited,
  input: unknown,
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  const parsed = CustomEndpointInput.safeParse(input);
  if (!parsed.success)
    throw new RefusedError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'endpoint'}: ${i.message}`).join('; '),
    );
  const id = endpointIdFor(parsed.data.name);
  if (!id) throw new RefusedError('Give the endpoint a name with at least one letter or digit.');
  const endpoint: CustomEndpoint = { id, ...parsed.data };
  const profile = endpoint.credentials.profile;
  if (profile !== undefined) {
    // A typo here would only show when the snapshot runs; say it now.
    const profileId = profileConnectionId(profile);
    if (!discoverAwsConnections(env).connections.some((c) => c.id === profileId))
      throw new RefusedError(
        `Profile "${profile}" is not in your AWS config or credentials file. Check the name (aws configure list-profiles).`,
      );
  }
  return writeTransaction(ws.db, 'Saving the custom endpoint', () => {
    const list = getSetting(ws.db, 'customEndpoints');
    if (list.some((e) => e.id === id))
      throw new RefusedError(
        `A custom endpoint named like "${endpoint.name}" (${customEndpointConnectionId(id)}) already exists. Remove it first or choose another name.`,
      );
    setSetting(ws.db, 'customEndpoints', [...list, endpoint], ws.actor);
    ws.audit('connections.endpoint.add', `connection:${customEndpointConnectionId(id)}`, {
      name: endpoint.name,
      url: endpoint.url,
      region: endpoint.region,
      credentials: endpoint.credentials,
    });
    return customEndpointConnection(endpoint);
  });
}

/** Removes a saved custom endpoint (audited). False when there was none with that connection id. */
export function removeCustomEndpoint(ws: Audited, connectionId: string): boolean {
  if (!connectionId.startsWith(CUSTOM_ENDPOINT_PREFIX))
    throw new RefusedError(
      `${connectionId} is not a custom endpoint connection (those start with ${CUSTOM_ENDPOINT_PREFIX}); profiles are removed from ~/.aws/config.`,
    );
  const id = connectionId.slice(CUSTOM_ENDPOINT_PREFIX.length);
  return writeTransaction(ws.db, 'Removing the custom endpoint', () => {
    const list = getSetting(ws.db, 'customEndpoints');
    const gone = list.find((e) => e.id === id);
    if (!gone) return false;
    setSetting(
      ws.db,
      'customEndpoints',
      list.filter((e) => e.id !== id),
      ws.actor,
    );
    ws.audit('connections.endpoint.remove', `connection:${connectionId}`, {
      name: gone.name,
      url: gone.url,
      region: gone.region,
    });
    return true;
  });
}
