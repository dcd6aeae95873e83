// The CLI's Azure pieces: `snapshot -c <azure connection> [--subscriptions a,b]` (one snapshot per
// subscription, grouped in a run) and `policy --azure` (the least-privilege custom role; notes on stderr so
// stdout can be piped straight into `az role definition create --role-definition @-`).
import { InvalidArgumentError } from 'commander';
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
