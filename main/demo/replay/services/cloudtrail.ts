// CloudTrail responses (awsJson1_1). A multi-region trail appears in every region's DescribeTrails as a
// shadow trail (HomeRegion = its real home), exactly as AWS does; that is what the collector must dedupe.
import type { Estate, EstateTrail } from '../../estate/types';
import { jsonError, jsonOk } from '../wire';
import { UnknownOperation, type Responder } from './types';

const trailArn = (estate: Estate, t: EstateTrail) =>
  `arn:aws:cloudtrail:${t.homeRegion}:${estate.accountId}:trail/${t.name}`;

const logGroupArn = (estate: Estate, t: EstateTrail) =>
  `arn:aws:logs:${t.homeRegion}:${estate.accountId}:log-group:${t.cloudWatchLogGroup}:*`;

/** The trail's event selectors as GetEventSelectors answers: classic or advanced, never both. */
function selectors(t: EstateTrail): Record<string, unknown> {
  const management = t.managementEvents ?? 'All';
  const data = t.s3DataEvents;
  if (data?.advanced) {
    const readOnly = (rw: string) =>
      rw === 'All' ? [] : [{ Field: 'readOnly', Equals: [rw === 'ReadOnly' ? 'true' : 'false'] }];
    return {
      AdvancedEventSelectors: [
        ...(management === 'None'
          ? []
          : [
              {
                Name: 'Management events',
                FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, ...readOnly(management)],
              },
            ]),
        {
          Name: 'S3 object-level events',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            ...readOnly(data.readWrite),
          ],
        },
      ],
    };
  }
  const classic: Record<string, unknown>[] = [];
  if (management !== 'None') {
    classic.push({
      ReadWriteType: management,
      IncludeManagementEvents: true,
      DataResources: [],
      ExcludeManagementEventSources: [],
    });
  }
  if (data) {
    classic.push({
      ReadWriteType: data.readWrite,
      IncludeManagementEvents: false,
      DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }],
      ExcludeManagementEventSources: [],
    });
  }
  return { EventSelectors: classic };
}

function findTrail(estate: Estate, region: string, name: unknown): EstateTrail | undefined {
  const t = estate.trails.find((x) => x.name === name || trailArn(estate, x) === name);
  return t && (t.homeRegion === region || t.multiRegion) ? t : undefined;
}

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
          ...(t.cloudWatchLogGroup
            ? {
                CloudWatchLogsLogGroupArn: logGroupArn(estate, t),
                CloudWatchLogsRoleArn: `arn:aws:iam::${estate.accountId}:role/CloudTrailToCloudWatchLogs`,
              }
            : {}),
          HasCustomEventSelectors: t.s3DataEvents !== undefined || (t.managementEvents ?? 'All') !== 'All',
          HasInsightSelectors: false,
          IsOrganizationTrail: t.organization ?? false,
        })),
      });
    }
    case 'GetTrailStatus': {
      const t = findTrail(estate, region, params.Name);
      if (!t) {
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
        ...(t.cloudWatchLogGroup
          ? {
              LatestCloudWatchLogsDeliveryTime:
                seconds - 86_400 * (t.cloudWatchLastDeliveryDaysAgo ?? 0) - 120,
            }
          : {}),
      });
    }
    case 'GetEventSelectors': {
      const t = findTrail(estate, region, params.TrailName);
      if (!t) {
        return jsonError(
          400,
          'TrailNotFoundException',
          `Unknown trail: ${String(params.TrailName)} for the user: ${estate.accountId}`,
        );
      }
      return jsonOk({ TrailARN: trailArn(estate, t), ...selectors(t) });
    }
    default:
      throw new UnknownOperation();
  }
};
