// GuardDuty responses (restJson1, lowerCamel JSON members; createdAt/updatedAt are ISO strings). One detector
// per region at most, as in GuardDuty.
import type { Estate } from '../../estate/types';
import { isoDaysAgo, restJsonError, restJsonOk } from '../wire';
import { UnknownOperation, type ReplayService } from './types';

const detectorOf = (estate: Estate, region: string) => estate.logging?.guardDuty[region];

export const guardDutyService: ReplayService = {
  route: (method, path) => {
    if (method !== 'GET') return undefined;
    if (path === '/detector') return { operation: 'ListDetectors' };
    const m = /^\/detector\/([^/]+)$/.exec(path);
    return m ? { operation: 'GetDetector', params: { DetectorId: decodeURIComponent(m[1]) } } : undefined;
  },
  respond: (estate, req) => {
    const detector = detectorOf(estate, req.region);
    switch (req.operation) {
      case 'ListDetectors':
        return restJsonOk({ detectorIds: detector ? [detector.detectorId] : [] });
      case 'GetDetector': {
        if (!detector || detector.detectorId !== req.params.DetectorId) {
          return restJsonError(
            400,
            'BadRequestException',
            'The request is rejected because the input detectorId is not owned by the current account.',
          );
        }
        return restJsonOk({
          createdAt: isoDaysAgo(req.now, 700),
          updatedAt: isoDaysAgo(req.now, 30),
          findingPublishingFrequency: 'SIX_HOURS',
          serviceRole: `arn:aws:iam::${estate.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
          status: detector.status,
          tags: {},
        });
      }
      default:
        throw new UnknownOperation();
    }
  },
};
