// IAM Access Analyzer responses (restJson1): GET /analyzer lists the region's analyzers, one per page so the
// collector's nextToken loop runs. Timestamps are ISO-8601 (the API's date-time format).
import type { Estate } from '../../estate/types';
import { isoDaysAgo, restJsonOk } from '../wire';
import { UnknownOperation, pageOf, type ReplayService } from './types';

const PAGE = 1;

export const accessAnalyzerReplay: ReplayService = {
  route: (method, path) =>
    method === 'GET' && path === '/analyzer' ? { operation: 'ListAnalyzers' } : undefined,
  respond: (estate: Estate, req) => {
    if (req.operation !== 'ListAnalyzers') throw new UnknownOperation();
    const here = (estate.iamExtras?.analyzers ?? []).filter((a) => a.region === req.region);
    const wanted =
      typeof req.params.type === 'string' ? here.filter((a) => a.type === req.params.type) : here;
    const { page, next } = pageOf(wanted, req.params.nextToken, PAGE);
    return restJsonOk({
      analyzers: page.map((a) => ({
        arn: `arn:aws:access-analyzer:${a.region}:${estate.accountId}:analyzer/${a.name}`,
        name: a.name,
        type: a.type,
        createdAt: isoDaysAgo(req.now, a.createdDaysAgo),
        status: a.status,
        ...(a.status === 'FAILED' ? { statusReason: { code: 'SERVICE_ERROR' } } : {}),
        tags: {},
      })),
      ...(next ? { nextToken: next } : {}),
    });
  },
};
