// The logging group's replay responders, keyed by SigV4 signing name (see ../index.ts). CloudTrail is a core
// service (../cloudtrail.ts).
import { configResponder } from '../config';
import { guardDutyService } from '../guardduty';
import { logsResponder } from '../logs';
import { monitoringResponder } from '../monitoring';
import { securityHubService } from '../securityhub';
import type { ReplayService } from '../types';

export const LOGGING_REPLAY: Record<string, ReplayService> = {
  config: { respond: configResponder },
  guardduty: guardDutyService,
  securityhub: securityHubService,
  logs: { respond: logsResponder },
  monitoring: { respond: monitoringResponder },
};
