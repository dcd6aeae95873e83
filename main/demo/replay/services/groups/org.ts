// The org group's replay responders, keyed by SigV4 signing name (see ../index.ts). STS AssumeRole, which
// crosses accounts, is answered by the server itself (../sts.ts assumeRoleResponse).
import { organizationsResponder } from '../organizations';
import type { ReplayService } from '../types';

export const ORG_REPLAY: Record<string, ReplayService> = {
  organizations: { respond: organizationsResponder },
};
