import { queryOk } from '../wire';
import { UnknownOperation, type Responder } from './types';

export const stsResponder: Responder = (estate, req) => {
  if (req.operation !== 'GetCallerIdentity') throw new UnknownOperation();
  return queryOk('sts', 'GetCallerIdentity', {
    Arn: estate.caller.arn,
    UserId: estate.caller.userId,
    Account: estate.accountId,
  });
};
