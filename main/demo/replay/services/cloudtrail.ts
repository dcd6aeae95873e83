// CloudTrail responses (awsJson1_1). A multi-region trail appears in every region's DescribeTrails as a
// shadow trail (HomeRegion = its real home), exactly as AWS does; that is what the collector must dedupe.
import type { Estate, EstateTrail } from '../../estate/types';
import { jsonError, jsonOk } from '../wire';
import { UnknownOperation, type Responder } from './types';

const trailArn = (estate: Estate, t: EstateTrail) =>
  `arn:aws:cloudtrail:${t.homeRegion}:${estate.accountId}:trail/${t.name}`;

export const cloudTrailResponder: Responder = (estate, req) => {
  const { region, params, now } = req;
  switch (req.operation) {
    case 'DescribeTrails': {
      const includeShadow = params.includeShadowTrails !== false;
      const visible = estate.trails.filter(
        (t) => t.homeRegion === region || (includeShadow && t.multiRegion),
      );
      return jsonOk({
        trailList: visible.map((t) => ({
          Name: t.name,
          S3BucketName: t.s3Bucket,
          IncludeGlobalServiceEvents: t.multiRegion,
          IsMultiRegionTrail: t.multiRegion,
          HomeRegion: t.homeRegion,
          TrailARN: trailArn(estate, t),
          LogFileValidationEnabled: t.logFileValidation,
          ...(t.kmsKeyId ? { KmsKeyId: t.kmsKeyId } : {}),
          HasCustomEventSelectors: false,
          HasInsightSelectors: false,
          IsOrganizationTrail: t.organization ?? false,
        })),
      });
    }
    case 'GetTrailStatus': {
      const t = estate.trails.find((x) => x.name === params.Name || trailArn(estate, x) === params.Name);
      if (!t || (t.homeRegion !== region && !t.multiRegion)) {
        return jsonError(
          400,
          'TrailNotFoundException',
          `Unknown trail: ${String(params.Name)} for the user: ${estate.accountId}`,
        );
      }
      const seconds = Math.floor(now.getTime() / 1000);
      return jsonOk({
        IsLogging: t.isLogging,
        ...(t.isLogging
          ? {
              LatestDeliveryTime: seconds - 300,
              LatestDigestDeliveryTime: t.logFileValidation ? seconds - 1800 : undefined,
              StartLoggingTime: seconds - 86_400 * 400,
            }
          : { StopLoggingTime: seconds - 86_400 * 30, LatestDeliveryTime: seconds - 86_400 * 30 }),
        TimeLoggingStarted: new Date((seconds - 86_400 * 400) * 1000).toISOString(),
      });
    }
    default:
      throw new UnknownOperation();
  }
};
