// CloudWatch Logs responses (awsJson1_1, lowerCamel members, creationTime in epoch milliseconds). Small pages
// so the collector's pagination is exercised.
import { jsonOk } from '../wire';
import { pageOf, UnknownOperation, type Responder } from './types';

const LOG_GROUP_PAGE = 2;
const FILTER_PAGE = 3;

export const logsResponder: Responder = (estate, req) => {
  const logging = estate.logging;
  const ms = req.now.getTime();
  switch (req.operation) {
    case 'DescribeLogGroups': {
      const groups = (logging?.logGroups ?? []).filter((g) => g.region === req.region);
      const { page, next } = pageOf(groups, req.params.nextToken, LOG_GROUP_PAGE);
      return jsonOk({
        logGroups: page.map((g) => {
          const arn = `arn:aws:logs:${g.region}:${estate.accountId}:log-group:${g.name}`;
          return {
            logGroupName: g.name,
            creationTime: ms - g.createdDaysAgo * 86_400_000,
            ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
            metricFilterCount: (logging?.metricFilters ?? []).filter(
              (f) => f.region === g.region && f.logGroup === g.name,
            ).length,
            arn: `${arn}:*`,
            storedBytes: 1_048_576,
            ...(g.kmsKeyId ? { kmsKeyId: g.kmsKeyId } : {}),
            logGroupClass: 'STANDARD',
            logGroupArn: arn,
          };
        }),
        ...(next ? { nextToken: next } : {}),
      });
    }
    case 'DescribeMetricFilters': {
      const filters = (logging?.metricFilters ?? []).filter(
        (f) =>
          f.region === req.region && (!req.params.logGroupName || f.logGroup === req.params.logGroupName),
      );
      const { page, next } = pageOf(filters, req.params.nextToken, FILTER_PAGE);
      return jsonOk({
        metricFilters: page.map((f) => ({
          filterName: f.name,
          filterPattern: f.pattern,
          metricTransformations: [
            { metricName: f.metricName, metricNamespace: f.namespace, metricValue: '1' },
          ],
          creationTime: ms - 86_400_000 * 200,
          logGroupName: f.logGroup,
        })),
        ...(next ? { nextToken: next } : {}),
      });
    }
    default:
      throw new UnknownOperation();
  }
};
