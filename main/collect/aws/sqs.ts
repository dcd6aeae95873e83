// SQS queues (per region): ListQueues (every page; AWS pages only when MaxResults is given), then
// GetQueueAttributes(All) per queue for its encryption settings and policy. The queue's ARN is built from its
// URL, so a queue whose attributes could not be read is still in the population (and judged 'error').
import { settleAll } from '../concurrency';
import { APP_TYPES, type SqsQueueConfig } from './app-shapes';
import { recordedCall, type CallContext } from './client-config';
import { judgePolicy } from './policy-judgement';
import { awsSdk } from './sdk-loader';

const PAGE_SIZE = 1000;

/** https://sqs.<region>.amazonaws.com/<account>/<name> -> its account id and queue name. */
export function parseQueueUrl(url: string): { account: string; name: string } | undefined {
  const m = /\/(\d{12})\/([^/?#]+)\/?$/.exec(url);
  return m ? { account: m[1], name: decodeURIComponent(m[2]) } : undefined;
}

export async function collectSqsRegion(ctx: CallContext, region: string, account: string): Promise<void> {
  // useQueueUrlAsEndpoint off: every call goes to the endpoint this client was built for (the replay server
  // or the regional endpoint), never to whatever host a queue URL names.
  const { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } = await awsSdk.sqs();
  const sqs = ctx.clients.client('sqs', region, (c) => new SQSClient({ ...c, useQueueUrlAsEndpoint: false }));
  const urls: string[] = [];
  let NextToken: string | undefined;
  do {
    const params = { MaxResults: PAGE_SIZE, ...(NextToken ? { NextToken } : {}) };
    const out = await recordedCall(
      ctx,
      { service: 'sqs', region, operation: 'ListQueues', params },
      (abortSignal) => sqs.send(new ListQueuesCommand(params), { abortSignal }),
    );
    if (!out.ok) break;
    urls.push(...(out.value.QueueUrls ?? []));
    NextToken = out.value.NextToken;
  } while (NextToken);

  await settleAll(
    urls.map(async (QueueUrl) => {
      const parsed = parseQueueUrl(QueueUrl);
      const name = parsed?.name ?? QueueUrl;
      const config: SqsQueueConfig = { QueueUrl, QueueName: name };
      const params = { QueueUrl, AttributeNames: ['All' as const] };
      const attrs = await recordedCall(
        ctx,
        { service: 'sqs', region, operation: 'GetQueueAttributes', params, resource: QueueUrl },
        (abortSignal) => sqs.send(new GetQueueAttributesCommand(params), { abortSignal }),
      );
      if (attrs.ok) {
        config.Attributes = { ...(attrs.value.Attributes ?? {}) };
        const policy = config.Attributes.Policy;
        config.PolicyJudgement = policy ? judgePolicy(policy, parsed?.account ?? account) : null;
      }
      ctx.sink.resource({
        uid: config.Attributes?.QueueArn ?? `arn:aws:sqs:${region}:${parsed?.account ?? account}:${name}`,
        provider: 'aws',
        service: 'sqs',
        type: APP_TYPES.sqsQueue,
        region,
        name,
        tags: {},
        config: config as unknown as Record<string, unknown>,
      });
    }),
  );
}
