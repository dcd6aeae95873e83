// DynamoDB responses (awsJson1_0; timestamps are epoch seconds). A table on the default AWS owned key has NO
// SSEDescription, as DynamoDB reports it; KMS tables (AWS managed or customer managed key) have one.
import type { EstateDynamoTable } from '../../estate/sections/data';
import type { Estate } from '../../estate/types';
import { jsonError, jsonOk } from '../wire';
import { UnknownOperation, type Responder } from './types';

const TABLES_PAGE = 1; // small on purpose: exercises ExclusiveStartTableName pagination

const seconds = (now: Date, daysAgo: number) => Math.floor(now.getTime() / 1000) - daysAgo * 86_400;
const tableArn = (estate: Estate, t: EstateDynamoTable) =>
  `arn:aws:dynamodb:${t.region}:${estate.accountId}:table/${t.name}`;

function sse(estate: Estate, t: EstateDynamoTable) {
  if (t.encryption === 'owned') return {};
  const KMSMasterKeyArn =
    t.encryption === 'aws-managed'
      ? `arn:aws:kms:${t.region}:${estate.accountId}:key/${
          (estate.dataStores?.kmsKeys ?? []).find(
            (k) => k.region === t.region && (k.aliases ?? []).includes('alias/aws/dynamodb'),
          )?.id ?? '00000000-0000-4000-8000-000000000000'
        }`
      : t.encryption.kmsKeyArn;
  return { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn } };
}

export const dynamoDbResponder: Responder = (estate, req) => {
  const { region, params, now } = req;
  const tables = (estate.dataStores?.dynamoTables ?? [])
    .filter((t) => t.region === region)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (req.operation === 'ListTables') {
    const after = typeof params.ExclusiveStartTableName === 'string' ? params.ExclusiveStartTableName : '';
    const rest = tables.filter((t) => t.name > after);
    const limit = Math.min(Number(params.Limit) || 100, TABLES_PAGE);
    const page = rest.slice(0, limit);
    return jsonOk(
      {
        TableNames: page.map((t) => t.name),
        ...(rest.length > page.length ? { LastEvaluatedTableName: page[page.length - 1].name } : {}),
      },
      'dynamodb',
    );
  }
  const t = tables.find((x) => x.name === params.TableName || tableArn(estate, x) === params.TableName);
  if (!t && (req.operation === 'DescribeTable' || req.operation === 'DescribeContinuousBackups')) {
    return jsonError(
      400,
      'ResourceNotFoundException',
      `Requested resource not found: Table: ${String(params.TableName)} not found`,
      'dynamodb',
    );
  }
  switch (req.operation) {
    case 'DescribeTable': {
      const table = t!;
      return jsonOk(
        {
          Table: {
            TableName: table.name,
            TableArn: tableArn(estate, table),
            TableId: `${Buffer.from(table.name).toString('hex').padEnd(32, '0').slice(0, 8)}-0000-4000-8000-000000000000`,
            TableStatus: 'ACTIVE',
            CreationDateTime: seconds(now, table.createdDaysAgo),
            ItemCount: table.itemCount,
            TableSizeBytes: table.itemCount * 220,
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
            DeletionProtectionEnabled: false,
            ...sse(estate, table),
          },
        },
        'dynamodb',
      );
    }
    case 'DescribeContinuousBackups': {
      const table = t!;
      const s = Math.floor(now.getTime() / 1000);
      return jsonOk(
        {
          ContinuousBackupsDescription: {
            ContinuousBackupsStatus: 'ENABLED',
            PointInTimeRecoveryDescription: table.pitr
              ? {
                  PointInTimeRecoveryStatus: 'ENABLED',
                  RecoveryPeriodInDays: 35,
                  EarliestRestorableDateTime: s - 35 * 86_400,
                  LatestRestorableDateTime: s - 300,
                }
              : { PointInTimeRecoveryStatus: 'DISABLED' },
          },
        },
        'dynamodb',
      );
    }
    default:
      throw new UnknownOperation();
  }
};
