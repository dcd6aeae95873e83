// The app group's replay responders, keyed by SigV4 signing name (see ../index.ts).
import { acmResponder } from '../acm';
import { elbv2Responder } from '../elbv2';
import { lambdaService } from '../lambda';
import { secretsManagerResponder } from '../secrets-manager';
import { snsResponder } from '../sns';
import { sqsResponder } from '../sqs';
import type { ReplayService } from '../types';

export const APP_REPLAY: Record<string, ReplayService> = {
  sns: { respond: snsResponder },
  sqs: { respond: sqsResponder },
  lambda: lambdaService,
  elasticloadbalancing: { respond: elbv2Responder },
  acm: { respond: acmResponder },
  secretsmanager: { respond: secretsManagerResponder },
};
