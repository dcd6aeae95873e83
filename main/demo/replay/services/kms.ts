// KMS responses (awsJson1_1; timestamps are epoch seconds). ListKeys pages are small on purpose, to exercise
// the collector's Marker/Truncated pagination. Keys are regional: a key id resolves only in its own region.
import type { EstateKmsKey } from '../../estate/sections/data';
import type { Estate } from '../../estate/types';
import { jsonError, jsonOk } from '../wire';
import { UnknownOperation, pageOf, type Responder } from './types';

const KEYS_PAGE = 2;

const arnOf = (estate: Estate, k: EstateKmsKey) => `arn:aws:kms:${k.region}:${estate.accountId}:key/${k.id}`;
const seconds = (now: Date, daysAgo: number) => Math.floor(now.getTime() / 1000) - daysAgo * 86_400;

function defaultPolicy(account: string) {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  };
}

/** The key a KeyId parameter names (key id, key ARN or alias name), in the request's region. */
function findKey(estate: Estate, region: string, keyId: unknown): EstateKmsKey | undefined {
  const id = String(keyId ?? '');
  return (estate.dataStores?.kmsKeys ?? []).find(
    (k) => k.region === region && (k.id === id || arnOf(estate, k) === id || (k.aliases ?? []).includes(id)),
  );
}

export const kmsResponder: Responder = (estate, req) => {
  const { region, params, now } = req;
  const inRegion = (estate.dataStores?.kmsKeys ?? []).filter((k) => k.region === region);
  switch (req.operation) {
    case 'ListKeys': {
      const { page, next } = pageOf(inRegion, params.Marker, KEYS_PAGE);
      return jsonOk({
        Keys: page.map((k) => ({ KeyId: k.id, KeyArn: arnOf(estate, k) })),
        Truncated: next !== undefined,
        ...(next ? { NextMarker: next } : {}),
      });
    }
    case 'ListAliases':
      return jsonOk({
        Aliases: inRegion.flatMap((k) =>
          (k.aliases ?? []).map((AliasName) => ({
            AliasName,
            AliasArn: `arn:aws:kms:${region}:${estate.accountId}:${AliasName}`,
            TargetKeyId: k.id,
            CreationDate: seconds(now, k.createdDaysAgo),
          })),
        ),
        Truncated: false,
      });
    default:
      break;
  }
  const k = findKey(estate, region, params.KeyId);
  if (!k && ['DescribeKey', 'GetKeyPolicy', 'GetKeyRotationStatus'].includes(req.operation)) {
    return jsonError(400, 'NotFoundException', `Key '${String(params.KeyId)}' does not exist`);
  }
  switch (req.operation) {
    case 'DescribeKey': {
      const key = k!;
      const spec = key.spec ?? 'SYMMETRIC_DEFAULT';
      return jsonOk({
        KeyMetadata: {
          AWSAccountId: estate.accountId,
          KeyId: key.id,
          Arn: arnOf(estate, key),
          CreationDate: seconds(now, key.createdDaysAgo),
          Enabled: key.state === 'Enabled',
          Description: key.description ?? '',
          KeyUsage: key.usage ?? 'ENCRYPT_DECRYPT',
          KeyState: key.state,
          ...(key.state === 'PendingDeletion'
            ? { DeletionDate: seconds(now, -(key.deletionInDays ?? 30)), PendingDeletionWindowInDays: 30 }
            : {}),
          Origin: key.origin ?? 'AWS_KMS',
          KeyManager: key.manager,
          CustomerMasterKeySpec: spec,
          KeySpec: spec,
          EncryptionAlgorithms:
            (key.usage ?? 'ENCRYPT_DECRYPT') === 'ENCRYPT_DECRYPT'
              ? spec === 'SYMMETRIC_DEFAULT'
                ? ['SYMMETRIC_DEFAULT']
                : ['RSAES_OAEP_SHA_256']
              : undefined,
          SigningAlgorithms: key.usage === 'SIGN_VERIFY' ? ['RSASSA_PSS_SHA_256'] : undefined,
          MultiRegion: false,
        },
      });
    }
    case 'GetKeyRotationStatus': {
      const key = k!;
      if (key.state === 'PendingDeletion')
        return jsonError(400, 'KMSInvalidStateException', `${arnOf(estate, key)} is pending deletion.`);
      if ((key.spec ?? 'SYMMETRIC_DEFAULT') !== 'SYMMETRIC_DEFAULT')
        return jsonError(
          400,
          'UnsupportedOperationException',
          `${arnOf(estate, key)} key usage is not supported.`,
        );
      return jsonOk({
        KeyRotationEnabled: key.rotation,
        KeyId: arnOf(estate, key),
        ...(key.rotation
          ? { RotationPeriodInDays: 365, NextRotationDate: seconds(now, -(365 - (key.createdDaysAgo % 365))) }
          : {}),
      });
    }
    case 'GetKeyPolicy': {
      const key = k!;
      if (params.PolicyName !== undefined && params.PolicyName !== 'default')
        return jsonError(400, 'NotFoundException', `No such policy: ${String(params.PolicyName)}`);
      return jsonOk({
        Policy: JSON.stringify(key.policy ?? defaultPolicy(estate.accountId), null, 2),
        PolicyName: 'default',
      });
    }
    default:
      throw new UnknownOperation();
  }
};
