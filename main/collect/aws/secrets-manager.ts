// Secrets Manager (per region): ListSecrets, every page. Metadata only: no call here can read a secret value.
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { redactObject } from '../redact';
import { APP_TYPES, type SecretsManagerSecretConfig } from './app-shapes';
import { recordedCall, tagMap, type CallContext } from './client-config';
import { awsSdk } from './sdk-loader';

export async function collectSecretsManagerRegion(ctx: CallContext, region: string): Promise<void> {
  const { ListSecretsCommand, SecretsManagerClient } = await awsSdk.secretsManager();
  const sm = ctx.clients.client('secretsmanager', region, (c) => new SecretsManagerClient(c));
  const secrets: SecretListEntry[] = [];
  let NextToken: string | undefined;
  do {
    const params = NextToken ? { NextToken } : {};
    const out = await recordedCall(
      ctx,
      { service: 'secretsmanager', region, operation: 'ListSecrets', params },
      (abortSignal) => sm.send(new ListSecretsCommand(params), { abortSignal }),
    );
    if (!out.ok) break;
    secrets.push(...(out.value.SecretList ?? []));
    NextToken = out.value.NextToken;
  } while (NextToken);

  for (const { Tags, ...secret } of secrets) {
    if (!secret.ARN || !secret.Name) continue;
    const config = redactObject(secret) as unknown as SecretsManagerSecretConfig;
    // ListSecrets omits RotationEnabled when rotation is off; this entry came from a successful listing, so
    // the absence means "off" (see SecretsManagerSecretConfig.RotationEnabled).
    config.RotationEnabled = secret.RotationEnabled === true;
    ctx.sink.resource({
      uid: secret.ARN,
      provider: 'aws',
      service: 'secretsmanager',
      type: APP_TYPES.secretsManagerSecret,
      region,
      name: secret.Name,
      tags: tagMap(Tags),
      config: config as unknown as Record<string, unknown>,
    });
  }
}
