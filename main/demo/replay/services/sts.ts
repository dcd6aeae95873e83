// STS over the query protocol. GetCallerIdentity answers for the estate the request's key belongs to.
// AssumeRole crosses accounts, so the server answers it with every estate in view (assumeRoleResponse): the
// role's account must be one the server holds and its trust must name the caller's account, or the answer
// is AWS's AccessDenied (which never says whether the role exists).
import crypto from 'node:crypto';
import type { Estate } from '../../estate/types';
import { queryError, queryOk, type ReplayResponse } from '../wire';
import { UnknownOperation, type ReplayRequest, type Responder } from './types';

export const stsResponder: Responder = (estate, req) => {
  if (req.operation !== 'GetCallerIdentity') throw new UnknownOperation();
  return queryOk('sts', 'GetCallerIdentity', {
    Arn: estate.caller.arn,
    UserId: estate.caller.userId,
    Account: estate.accountId,
  });
};

/** Temporary credentials the server issued: requests signed with the key act in `estate` as `caller`. */
export type IssuedSession = { estate: Estate; caller: Estate['caller'] };

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

export function assumeRoleResponse(
  caller: Estate,
  req: ReplayRequest,
  estates: readonly Estate[],
  issue: (keyId: string, session: IssuedSession) => void,
): ReplayResponse {
  const roleArn = String(req.params.RoleArn ?? '');
  const sessionName = String(req.params.RoleSessionName ?? '');
  const m = ROLE_ARN.exec(roleArn);
  if (!m || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    return queryError(
      'sts',
      400,
      'ValidationError',
      `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint`,
    );
  }
  const [, accountId, roleName] = m;
  const target = estates.find((e) => e.accountId === accountId);
  const trusted = target?.organization?.trustedRoles?.[roleName] ?? [];
  if (!target || !trusted.includes(caller.accountId)) {
    return queryError(
      'sts',
      403,
      'AccessDenied',
      `User: ${caller.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  }
  const keyId = `ASIA${crypto.randomBytes(8).toString('hex').toUpperCase()}`;
  const roleId = `AROA${crypto.createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
  const arn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
  issue(keyId, { estate: target, caller: { arn, userId: `${roleId}:${sessionName}` } });
  const seconds = Number(req.params.DurationSeconds ?? 3600);
  return queryOk('sts', 'AssumeRole', {
    Credentials: {
      AccessKeyId: keyId,
      SecretAccessKey: crypto.randomBytes(30).toString('base64'),
      SessionToken: crypto.randomBytes(48).toString('base64'),
      Expiration: new Date(req.now.getTime() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    AssumedRoleUser: { AssumedRoleId: `${roleId}:${sessionName}`, Arn: arn },
    PackedPolicySize: 0,
  });
}
