// DynamoDB (per region): every table ListTables returns, with DescribeTable (which key encrypts it) and
// DescribeContinuousBackups (point-in-time recovery).
import { settleAll } from '../concurrency';
import { redactObject } from '../redact';
import { recordedCall, type CallContext } from './client-config';
import { aboutResource } from './data-gap-context';
import { DATA_TYPES, type DynamoDbTableConfig } from './data-shapes';
import { awsSdk } from './sdk-loader';

async function ddb(ctx: CallContext, region: string) {
  const { DynamoDBClient } = await awsSdk.dynamoDb();
  return ctx.clients.client('dynamodb', region, (c) => new DynamoDBClient(c));
}

export async function collectDynamoDbRegion(
  ctx: CallContext,
  region: string,
  account: string,
): Promise<void> {
  const { ListTablesCommand } = await awsSdk.dynamoDb();
  const client = await ddb(ctx, region);
  const names: string[] = [];
  let ExclusiveStartTableName: string | undefined;
  do {
    const params = { Limit: 100, ...(ExclusiveStartTableName ? { ExclusiveStartTableName } : {}) };
    const out = await recordedCall(
      ctx,
      { service: 'dynamodb', region, operation: 'ListTables', params },
      (abortSignal) => client.send(new ListTablesCommand(params), { abortSignal }),
    );
    if (!out.ok) break;
    names.push(...(out.value.TableNames ?? []));
    ExclusiveStartTableName = out.value.LastEvaluatedTableName;
  } while (ExclusiveStartTableName);
  await settleAll(names.map((name) => collectTable(ctx, region, account, name)));
}

async function collectTable(outer: CallContext, region: string, account: string, TableName: string) {
  const fallbackArn = `arn:aws:dynamodb:${region}:${account}:table/${TableName}`;
  const ctx = aboutResource(outer, fallbackArn, `DynamoDB table ${TableName}`);
  const { DescribeContinuousBackupsCommand, DescribeTableCommand } = await awsSdk.dynamoDb();
  const client = await ddb(ctx, region);
  const config: DynamoDbTableConfig = { TableName };
  await settleAll([
    recordedCall(
      ctx,
      { service: 'dynamodb', region, operation: 'DescribeTable', params: { TableName } },
      (abortSignal) => client.send(new DescribeTableCommand({ TableName }), { abortSignal }),
    ).then((out) => {
      if (out.ok && out.value.Table) config.Table = redactObject(out.value.Table);
    }),
    recordedCall(
      ctx,
      { service: 'dynamodb', region, operation: 'DescribeContinuousBackups', params: { TableName } },
      (abortSignal) => client.send(new DescribeContinuousBackupsCommand({ TableName }), { abortSignal }),
    ).then((out) => {
      if (out.ok && out.value.ContinuousBackupsDescription)
        config.ContinuousBackups = redactObject(out.value.ContinuousBackupsDescription);
    }),
  ]);
  outer.sink.resource({
    uid: config.Table?.TableArn ?? fallbackArn,
    provider: 'aws',
    service: 'dynamodb',
    type: DATA_TYPES.dynamodbTable,
    region,
    name: TableName,
    tags: {},
    config: config as unknown as Record<string, unknown>,
  });
}
