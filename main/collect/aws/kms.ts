// KMS (per region): every key ListKeys returns, described; AWS-managed keys (aws/s3, aws/rds...) are left out
// because the account can neither rotate, delete nor re-policy them. For customer-managed keys the key
// policy (judged with our policy judgement) and, where AWS can rotate the key, the rotation status.
import type { AliasListEntry, KeyListEntry } from '@aws-sdk/client-kms';
import { settleAll } from '../concurrency';
import { redactObject } from '../redact';
import type { CallContext } from './client-config';
import { recordedCall } from './client-config';
import { aboutResource } from './data-gap-context';
import { DATA_TYPES, type KmsKeyConfig } from './data-shapes';
import { judgePolicy } from './policy-judgement';
import { awsSdk } from './sdk-loader';

async function kms(ctx: CallContext, region: string) {
  const { KMSClient } = await awsSdk.kms();
  return ctx.clients.client('kms', region, (c) => new KMSClient(c));
}

/** Lists every key of the region (all pages); undefined when a page failed (the gap is recorded). */
async function listKeys(ctx: CallContext, region: string): Promise<KeyListEntry[] | undefined> {
  const { ListKeysCommand } = await awsSdk.kms();
  const client = await kms(ctx, region);
  const keys: KeyListEntry[] = [];
  let Marker: string | undefined;
  do {
    const params = { Limit: 1000, ...(Marker ? { Marker } : {}) };
    const out = await recordedCall(
      ctx,
      { service: 'kms', region, operation: 'ListKeys', params },
      (abortSignal) => client.send(new ListKeysCommand(params), { abortSignal }),
    );
    if (!out.ok) return keys.length > 0 ? keys : undefined;
    keys.push(...(out.value.Keys ?? []));
    Marker = out.value.Truncated ? out.value.NextMarker : undefined;
  } while (Marker);
  return keys;
}

/** Alias names by target key id; undefined when ListAliases failed (Aliases then stays absent). */
async function listAliases(ctx: CallContext, region: string): Promise<Map<string, string[]> | undefined> {
  const { ListAliasesCommand } = await awsSdk.kms();
  const client = await kms(ctx, region);
  const entries: AliasListEntry[] = [];
  let Marker: string | undefined;
  do {
    const params = { Limit: 100, ...(Marker ? { Marker } : {}) };
    const out = await recordedCall(
      ctx,
      { service: 'kms', region, operation: 'ListAliases', params },
      (abortSignal) => client.send(new ListAliasesCommand(params), { abortSignal }),
    );
    if (!out.ok) return undefined;
    entries.push(...(out.value.Aliases ?? []));
    Marker = out.value.Truncated ? out.value.NextMarker : undefined;
  } while (Marker);
  const byKey = new Map<string, string[]>();
  for (const a of entries) {
    if (!a.TargetKeyId || !a.AliasName) continue;
    byKey.set(a.TargetKeyId, [...(byKey.get(a.TargetKeyId) ?? []), a.AliasName]);
  }
  return byKey;
}

export async function collectKmsRegion(ctx: CallContext, region: string, account: string): Promise<void> {
  const [keys, aliases] = await Promise.all([listKeys(ctx, region), listAliases(ctx, region)]);
  if (!keys) return;
  await settleAll(keys.map((key) => collectKey(ctx, region, account, key, aliases)));
}

async function collectKey(
  outer: CallContext,
  region: string,
  account: string,
  key: KeyListEntry,
  aliases: Map<string, string[]> | undefined,
): Promise<void> {
  const KeyId = key.KeyId;
  if (!KeyId) return;
  const KeyArn = key.KeyArn ?? `arn:aws:kms:${region}:${account}:key/${KeyId}`;
  const ctx = aboutResource(outer, KeyArn, `KMS key ${KeyArn}`);
  const { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand } = await awsSdk.kms();
  const client = await kms(ctx, region);
  const config: KmsKeyConfig = { KeyId, KeyArn };
  if (aliases) config.Aliases = aliases.get(KeyId) ?? [];

  const described = await recordedCall(
    ctx,
    { service: 'kms', region, operation: 'DescribeKey', params: { KeyId } },
    (abortSignal) => client.send(new DescribeKeyCommand({ KeyId }), { abortSignal }),
  );
  const meta = described.ok ? described.value.KeyMetadata : undefined;
  // AWS-managed keys are out of scope; a key DescribeKey could not read stays in, so its findings are errors.
  if (meta?.KeyManager === 'AWS') return;
  if (meta) config.KeyMetadata = redactObject(meta) as KmsKeyConfig['KeyMetadata'];

  const rotatable =
    meta?.KeyState === 'Enabled' &&
    meta.KeySpec === 'SYMMETRIC_DEFAULT' &&
    meta.KeyUsage === 'ENCRYPT_DECRYPT' &&
    meta.Origin === 'AWS_KMS';
  const params = { KeyId, PolicyName: 'default' };
  await settleAll([
    recordedCall(ctx, { service: 'kms', region, operation: 'GetKeyPolicy', params }, (abortSignal) =>
      client.send(new GetKeyPolicyCommand(params), { abortSignal }),
    ).then((out) => {
      if (!out.ok || out.value.Policy === undefined) return;
      config.Policy = out.value.Policy;
      config.PolicyJudgement = judgePolicy(out.value.Policy, account);
    }),
    rotatable
      ? recordedCall(
          ctx,
          { service: 'kms', region, operation: 'GetKeyRotationStatus', params: { KeyId } },
          (abortSignal) => client.send(new GetKeyRotationStatusCommand({ KeyId }), { abortSignal }),
        ).then((out) => {
          if (!out.ok) return;
          const { KeyRotationEnabled, RotationPeriodInDays, NextRotationDate } = out.value;
          config.Rotation = redactObject({
            KeyRotationEnabled,
            RotationPeriodInDays,
            NextRotationDate,
          }) as KmsKeyConfig['Rotation'];
        })
      : Promise.resolve(),
  ]);

  const names = config.Aliases?.map((a) => a.replace(/^alias\//, ''));
  outer.sink.resource({
    uid: KeyArn,
    provider: 'aws',
    service: 'kms',
    type: DATA_TYPES.kmsKey,
    region,
    name: names && names.length > 0 ? `${names.join(', ')} (${KeyId})` : KeyId,
    tags: {},
    config: config as unknown as Record<string, unknown>,
  });
}
