// Security Hub responses (restJson1). DescribeHub in a region where the account is not subscribed answers
// 401 InvalidAccessException, exactly as Security Hub does.
import { isoDaysAgo, restJsonError, restJsonOk } from '../wire';
import { UnknownOperation, type ReplayService } from './types';

export const securityHubService: ReplayService = {
  route: (method, path) =>
    method === 'GET' && path === '/accounts' ? { operation: 'DescribeHub' } : undefined,
  respond: (estate, req) => {
    if (req.operation !== 'DescribeHub') throw new UnknownOperation();
    const hub = estate.logging?.securityHub[req.region];
    if (!hub) {
      return restJsonError(
        401,
        'InvalidAccessException',
        `Account ${estate.accountId} is not subscribed to AWS Security Hub`,
      );
    }
    return restJsonOk({
      HubArn: `arn:aws:securityhub:${req.region}:${estate.accountId}:hub/default`,
      SubscribedAt: isoDaysAgo(req.now, hub.subscribedDaysAgo),
      AutoEnableControls: true,
      ControlFindingGenerator: 'SECURITY_CONTROL',
    });
  },
};
