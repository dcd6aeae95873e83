// Which snapshots are the embedded demo (the fictional Northwind Health estate), so their output can never be
// mistaken for evidence about a real account (docs/package-format.md, "Demo packages").
//
// The rule: a snapshot is demo when its `connection` is one of the demo connections' ids. That column is
//  - set by the core, never by the analyst: startSnapshot writes the id of the connection it found in
//    connections.list, and only the demo provider (main/demo/demo-target.ts) offers these ids; every real
//    connection id has its own shape ('aws-env', 'aws-chain', 'aws-profile:<name>', 'endpoint:<id>', Azure's),
//    so no profile, environment or custom endpoint can be called 'demo';
//  - part of the hashed snapshot header (content hash recipe 2): after the seal it cannot be flipped in the
//    workspace or in a shipped snapshot.sqlite without the package failing verification.
// The fictional account ids are a consistency check on top: a demo-connection snapshot that holds anything
// else is refused for export rather than labelled (it cannot happen unless something is badly wrong).
// What the rule cannot stop is an analyst deliberately pointing a real connection at a fake server: that is
// fabricating evidence with an emulator, which no labelling can prevent; the endpoint is in the audit trail.
// Pure data, no imports: the store, the export and the verifier all read the same rule.

/** The label every demo output carries: report cover, workbook sheets, manifest, VERIFY.txt, CLI, UI. */
export const DEMO_LABEL = 'DEMO - fictional estate';

/** Connection ids only the embedded demos use: AWS ('demo') and Azure ('demo-azure'). */
export const DEMO_CONNECTION_IDS: readonly string[] = ['demo', 'demo-azure'];

/**
 * The demo estates' fictional ids (main/demo/estate/*, main/demo/azure/estate.ts; test/security/demo-key.test.ts
 * keeps this list equal to them): AWS accounts, the Azure tenants and their subscriptions.
 */
export const DEMO_ACCOUNT_IDS: readonly string[] = [
  '111122223333',
  '444455556666',
  '888899990000',
  '777788889999',
  '7d1e6b2a-4c3f-4e8d-9a51-0b6c2f9e4d17',
  '3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34',
  'b8e4d0c2-19a7-4f3e-8c65-2d7f1a9b3e58',
  'c41f8e27-6b3d-4a92-9e15-7f0a2d8c5b63',
  'e6a3b9d1-54c2-4f7e-a81d-3c9f0b7e2a46',
];

export function isDemoSnapshot(s: { connection: string }): boolean {
  return DEMO_CONNECTION_IDS.includes(s.connection);
}

/**
 * Why a demo snapshot does not look like the demo (its account is not one of the fictional ids), or null.
 * An Azure account may be written with its tenant or as a path, so any fictional id inside it counts.
 */
export function demoAccountProblem(s: { connection: string; account: string | null }): string | null {
  if (!isDemoSnapshot(s)) return null;
  const account = (s.account ?? '').toLowerCase();
  if (DEMO_ACCOUNT_IDS.some((id) => account.includes(id))) return null;
  return (
    `snapshot of the demo connection ${s.connection} holds account ${s.account ?? '(none)'}, ` +
    'which is not one of the fictional demo accounts'
  );
}
