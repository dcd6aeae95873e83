// AWS Config responses (awsJson1_1; member names are lowerCamel on the wire, timestamps epoch seconds). A
// region missing from the estate's config map answers like a region where Config was never set up.
import type { Estate } from '../../estate/types';
import { jsonOk } from '../wire';
import { UnknownOperation, type Responder } from './types';

const regionOf = (estate: Estate, region: string) =>
  estate.logging?.config[region] ?? { recorder: null, deliveryChannel: null };

export const configResponder: Responder = (estate, req) => {
  const { recorder, deliveryChannel } = regionOf(estate, req.region);
  const seconds = Math.floor(req.now.getTime() / 1000);
  switch (req.operation) {
    case 'DescribeConfigurationRecorders':
      return jsonOk({
        ConfigurationRecorders: recorder
          ? [
              {
                arn: `arn:aws:config:${req.region}:${estate.accountId}:configuration-recorder/${recorder.name}/a1b2c3d4e5f6a7b8`,
                name: recorder.name,
                roleARN: `arn:aws:iam::${estate.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
                recordingGroup: {
                  allSupported: recorder.allSupported,
                  includeGlobalResourceTypes: recorder.includeGlobalResourceTypes,
                  resourceTypes: [],
                  exclusionByResourceTypes: { resourceTypes: [] },
                  recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
                },
                recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] },
              },
            ]
          : [],
      });
    case 'DescribeConfigurationRecorderStatus':
      return jsonOk({
        ConfigurationRecordersStatus: recorder
          ? [
              {
                name: recorder.name,
                lastStartTime: seconds - 86_400 * 300,
                recording: recorder.recording,
                lastStatus: recorder.lastStatus.toUpperCase(),
                lastStatusChangeTime: seconds - 3600,
              },
            ]
          : [],
      });
    case 'DescribeDeliveryChannels':
      return jsonOk({
        DeliveryChannels: deliveryChannel
          ? [
              {
                name: deliveryChannel.name,
                s3BucketName: deliveryChannel.s3Bucket,
                configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
              },
            ]
          : [],
      });
    default:
      throw new UnknownOperation();
  }
};
