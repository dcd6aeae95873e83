// CloudWatch responses (awsJson1_0, query-compatible; PascalCase members, timestamps epoch seconds). Small
// pages so the collector's pagination is exercised.
import { jsonOk } from '../wire';
import { pageOf, UnknownOperation, type Responder } from './types';

const ALARM_PAGE = 2;

export const monitoringResponder: Responder = (estate, req) => {
  if (req.operation !== 'DescribeAlarms') throw new UnknownOperation();
  const seconds = Math.floor(req.now.getTime() / 1000);
  const alarms = (estate.logging?.alarms ?? []).filter((a) => a.region === req.region);
  const { page, next } = pageOf(alarms, req.params.NextToken, ALARM_PAGE);
  return jsonOk(
    {
      MetricAlarms: page.map((a) => ({
        AlarmName: a.name,
        AlarmArn: `arn:aws:cloudwatch:${a.region}:${estate.accountId}:alarm:${a.name}`,
        AlarmConfigurationUpdatedTimestamp: seconds - 86_400 * 90,
        ActionsEnabled: true,
        OKActions: [],
        AlarmActions: a.actions,
        InsufficientDataActions: [],
        StateValue: 'OK',
        StateReason: 'Threshold Crossed: no datapoints were received for 1 period.',
        StateUpdatedTimestamp: seconds - 86_400,
        MetricName: a.metricName,
        Namespace: a.namespace,
        Statistic: 'Sum',
        Dimensions: [],
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      })),
      CompositeAlarms: [],
      ...(next ? { NextToken: next } : {}),
    },
    'monitoring',
  );
};
