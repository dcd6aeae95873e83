// The CLI's Azure pieces: `snapshot -c <azure connection> [--subscriptions a,b]` (one snapshot per
// subscription, grouped in a run) and `policy --azure` (the least-privilege custom role; notes on stderr so
// stdout can be piped straight into `az role definition create --role-definition @-`), `connections set-cloud`
// (the cloud of the environment service principal or azd) and `demo --cloud azure` (the demo tenant end to end).
import { InvalidArgumentError } from 'commander';
import {
  AZURE_CLOUD_NAMES,
  type AzureCloudChoiceInput,
  type SetAzureCloudInput,
} from '../../shared/azure-cloud';
import type { Connection } from '../../shared/domain';
import { azureCustomRoleDefinition } from '../collect/azure/registry';
import { startAzureRun } from '../collect/run-snapshot';
import type { Workspace } from '../core/workspace';
import { getRun, runLinks } from '../store/collection-runs-repo';
import { listSnapshots } from '../store/snapshots-repo';
import { formatTable } from './format';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "--subscriptions a,b": subscription ids (GUIDs), each refused by name when it is not one. */
export function parseSubscriptions(value: string): string[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = ids.filter((s) => !GUID.test(s));
  if (bad.length > 0 || ids.length === 0)
    throw new InvalidArgumentError(
      `not subscription ids (GUIDs, as az account list shows them): ${bad.join(', ') || '(none given)'}`,
    );
  return ids;
}

/** Runs an Azure connection to the end, with progress on stderr; prints each subscription's snapshot. */
export async function runAzureSnapshot(
  ws: Workspace,
  o: { connection: string; subscriptions?: string[] },
): Promise<string> {
  const unsubscribe = ws.events.subscribe((event, payload) => {
    if (event !== 'snapshot.progress') return;
    const p = payload as { done: number; total: number; message: string };
    process.stderr.write(`  [${p.done}/${p.total}] ${p.message}\n`);
  });
  try {
    const { runId, done } = await startAzureRun(ws, {
      connectionId: o.connection,
      subscriptions: o.subscriptions,
    });
    const outcome = await done;
    const links = runLinks(ws.db);
    const mine = listSnapshots(ws.db).filter((s) => links.get(s.id)?.runId === runId);
    process.stdout.write(
      formatTable(
        ['snapshot', 'status', 'subscription', 'name', 'resources', 'gaps'],
        mine.map((s) => [
          s.id,
          s.status,
          s.account ?? '',
          links.get(s.id)?.accountName ?? '',
          String(s.resourceCount),
          String(s.errorCount),
        ]),
      ),
    );
    for (const g of getRun(ws.db, runId)?.gaps ?? [])
      process.stdout.write(
        `not collected: ${g.accountId}${g.accountName ? ` (${g.accountName})` : ''}: ${g.message}\n`,
      );
    if (outcome.status !== 'complete') throw new Error(`Azure run ${outcome.status}: ${outcome.message}`);
    process.stdout.write(`${outcome.message}\nrun ${runId}\n`);
    return runId;
  } finally {
    unsubscribe();
  }
}

/** `policy --azure`: the custom role JSON on stdout; how to use it and the Graph permissions on stderr. */
export function printAzurePolicy(): void {
  const { role, graphPermissions } = azureCustomRoleDefinition();
  process.stdout.write(`${JSON.stringify(role, null, 2)}\n`);
  const notes = [
    'Azure custom role: Resource Manager read actions only (no data actions). Replace the AssignableScopes placeholder',
    'with your subscription ids, create it with: az role definition create --role-definition @role.json',
    'and assign it (or the built-in Reader role) to the snapshot identity on each subscription to collect.',
    graphPermissions.length > 0
      ? `Microsoft Graph application permissions (grant with admin consent): ${graphPermissions.join(', ')}.`
      : 'Microsoft Graph permissions: none needed.',
    'Without them the Entra ID checks answer error (the calls are recorded as gaps); Resource Manager collection is unaffected.',
  ];
  process.stderr.write(notes.map((n) => `# ${n}\n`).join(''));
}

export type SetCloudOptions = {
  resourceManager?: string;
  graph?: string;
  authorityHost?: string;
  audience?: string;
  name?: string;
};

/**
 * `connections set-cloud <id> <cloud>` as a connections.setAzureCloud request: a known cloud by name, `custom`
 * with its endpoints (validated by the call itself, so the CLI and the UI refuse the same things), or `default`
 * to clear the setting.
 */
export function setCloudRequest(connectionId: string, cloud: string, o: SetCloudOptions): SetAzureCloudInput {
  const endpoints = [o.resourceManager, o.graph, o.authorityHost, o.audience, o.name];
  if (cloud === 'default' || (AZURE_CLOUD_NAMES as readonly string[]).includes(cloud)) {
    if (endpoints.some((e) => e !== undefined))
      throw new Error(
        '--resource-manager, --graph, --authority-host, --audience and --name go with the cloud "custom".',
      );
    return {
      connectionId: connectionId as SetAzureCloudInput['connectionId'],
      cloud: cloud === 'default' ? null : ({ cloud } as AzureCloudChoiceInput),
    };
  }
  if (cloud !== 'custom')
    throw new Error(`Choose a cloud: ${[...AZURE_CLOUD_NAMES, 'custom', 'default'].join(', ')}.`);
  if (!o.resourceManager || !o.authorityHost)
    throw new Error('A custom cloud needs --resource-manager <https url> and --authority-host <https url>.');
  return {
    connectionId: connectionId as SetAzureCloudInput['connectionId'],
    cloud: {
      cloud: 'custom',
      name: o.name ?? 'Custom',
      resourceManager: o.resourceManager,
      authorityHost: o.authorityHost,
      ...(o.graph !== undefined ? { graph: o.graph } : {}),
      ...(o.audience !== undefined ? { audience: o.audience } : {}),
    },
  };
}

/** The connections list's cloud column: name, where it came from, and a custom cloud's endpoint. */
export function cloudLabel(c: Connection): string {
  if (!c.cloud) return '';
  const custom = !(AZURE_CLOUD_NAMES as readonly string[]).includes(c.cloud.name);
  // Name and source first: the table cuts long cells, and a custom cloud's URL is the longest part.
  return `${c.cloud.name} (${c.cloud.source})${custom ? ` ${c.cloud.resourceManager}` : ''}`;
}

/**
 * The subscription snapshots of a run that sealed, by subscription name: what
 * `demo --cloud azure` evaluates, exports and verifies one by one.
 */
export function completeSnapshotsOfRun(
  ws: Workspace,
  runId: string,
): { snapshotId: string; subscription: string; name: string }[] {
  const links = runLinks(ws.db);
  return listSnapshots(ws.db)
    .filter((s) => links.get(s.id)?.runId === runId && s.status === 'complete')
    .map((s) => ({
      snapshotId: s.id,
      subscription: s.account ?? '',
      name: links.get(s.id)?.accountName ?? s.account ?? '',
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `demo --cloud`: which demo estates to run. */
export function parseDemoCloud(value: string): 'aws' | 'azure' | 'both' {
  if (value === 'aws' || value === 'azure' || value === 'both') return value;
  throw new InvalidArgumentError('choose aws, azure or both');
}
