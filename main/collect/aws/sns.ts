// SNS topics (per region): ListTopics (every page), then GetTopicAttributes per topic for its KMS key and
// access policy. The policy is judged here with our own judgePolicy, so the public-access check reads one
// verdict and the document stays in the evidence for the auditor to re-read.
import { settleAll } from '../concurrency';
import { APP_TYPES, type SnsTopicConfig } from './app-shapes';
import { recordedCall, type CallContext } from './client-config';
import { judgePolicy } from './policy-judgement';
import { awsSdk } from './sdk-loader';

export async function collectSnsRegion(ctx: CallContext, region: string, account: string): Promise<void> {
  const { GetTopicAttributesCommand, ListTopicsCommand, SNSClient } = await awsSdk.sns();
  const sns = ctx.clients.client('sns', region, (c) => new SNSClient(c));
  const arns: string[] = [];
  let NextToken: string | undefined;
  do {
    const params = NextToken ? { NextToken } : {};
    const out = await recordedCall(
      ctx,
      { service: 'sns', region, operation: 'ListTopics', params },
      (abortSignal) => sns.send(new ListTopicsCommand(params), { abortSignal }),
    );
    // A failed page leaves the population incomplete; the gap says so and the topics seen are still judged.
    if (!out.ok) break;
    for (const t of out.value.Topics ?? []) if (t.TopicArn) arns.push(t.TopicArn);
    NextToken = out.value.NextToken;
  } while (NextToken);

  await settleAll(
    arns.map(async (TopicArn) => {
      const config: SnsTopicConfig = { TopicArn };
      const attrs = await recordedCall(
        ctx,
        { service: 'sns', region, operation: 'GetTopicAttributes', params: { TopicArn }, resource: TopicArn },
        (abortSignal) => sns.send(new GetTopicAttributesCommand({ TopicArn }), { abortSignal }),
      );
      if (attrs.ok) {
        config.Attributes = { ...(attrs.value.Attributes ?? {}) };
        const policy = config.Attributes.Policy;
        config.PolicyJudgement = policy ? judgePolicy(policy, account) : null;
      }
      ctx.sink.resource({
        uid: TopicArn,
        provider: 'aws',
        service: 'sns',
        type: APP_TYPES.snsTopic,
        region,
        name: TopicArn.split(':').pop() ?? TopicArn,
        tags: {},
        config: config as unknown as Record<string, unknown>,
      });
    }),
  );
}
