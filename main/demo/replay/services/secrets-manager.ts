// Secrets Manager responses (awsJson1_1; timestamps are epoch seconds). Metadata only, like ListSecrets:
// RotationEnabled is left out when rotation is off, as in AWS's own ListSecrets examples.
import type { Estate } from '../../estate/types';
import type { EstateSecret } from '../../estate/sections/app';
import { jsonOk } from '../wire';
import { pageOf, UnknownOperation, type Responder } from './types';

/** Secrets per page (AWS: up to 100); small so the demo exercises pagination. */
const PAGE = 2;
const DAY_S = 86_400;

const arnOf = (estate: Estate, s: EstateSecret) =>
  `arn:aws:secretsmanager:${s.region}:${estate.accountId}:secret:${s.name}-${s.suffix}`;

export const secretsManagerResponder: Responder = (estate, req) => {
  if (req.operation !== 'ListSecrets') throw new UnknownOperation();
  const secrets = (estate.appServices?.secrets ?? []).filter((s) => s.region === req.region);
  const max = Number(req.params.MaxResults);
  const { page, next } = pageOf(
    secrets,
    req.params.NextToken,
    Number.isFinite(max) && max > 0 ? Math.min(max, PAGE) : PAGE,
  );
  const now = Math.floor(req.now.getTime() / 1000);
  return jsonOk({
    SecretList: page.map((s) => ({
      ARN: arnOf(estate, s),
      Name: s.name,
      CreatedDate: now - s.createdDaysAgo * DAY_S,
      LastChangedDate: now - (s.rotation?.lastRotatedDaysAgo ?? 30) * DAY_S,
      LastAccessedDate: now - (now % DAY_S),
      SecretVersionsToStages: { [`${s.suffix.toLowerCase()}-0000-4000-8000-000000000001`]: ['AWSCURRENT'] },
      Tags: [{ Key: 'Owner', Value: 'platform' }],
      ...(s.rotation
        ? {
            RotationEnabled: true,
            RotationLambdaARN: `arn:aws:lambda:${s.region}:${estate.accountId}:function:nwh-secret-rotator`,
            RotationRules: { AutomaticallyAfterDays: s.rotation.everyDays },
            LastRotatedDate: now - s.rotation.lastRotatedDaysAgo * DAY_S,
            NextRotationDate: now + (s.rotation.everyDays - s.rotation.lastRotatedDaysAgo) * DAY_S,
          }
        : {}),
    })),
    ...(next ? { NextToken: next } : {}),
  });
};
