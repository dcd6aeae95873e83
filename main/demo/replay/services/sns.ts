// SNS responses (AWS query protocol, 2010-03-31). Lists are <member> elements; GetTopicAttributes' map is
// <entry><key/><value/></entry>, exactly as SNS sends it. A topic without its own policy gets SNS's default
// one (any principal, conditioned on AWS:SourceOwner = the owner), as a real topic does.
import type { Estate } from '../../estate/types';
import type { EstateTopic } from '../../estate/sections/app';
import { queryError, queryOk } from '../wire';
import { pageOf, UnknownOperation, type Responder } from './types';

/** Topics per ListTopics page (AWS: 100); small so the demo exercises pagination. */
const PAGE = 3;

const arnOf = (estate: Estate, t: EstateTopic) => `arn:aws:sns:${t.region}:${estate.accountId}:${t.name}`;

function defaultPolicy(estate: Estate, arn: string) {
  return {
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': estate.accountId } },
      },
    ],
  };
}

export const snsResponder: Responder = (estate, req) => {
  const topics = (estate.appServices?.topics ?? []).filter((t) => t.region === req.region);
  switch (req.operation) {
    case 'ListTopics': {
      const { page, next } = pageOf(topics, req.params.NextToken, PAGE);
      return queryOk('sns', 'ListTopics', {
        Topics: { member: page.map((t) => ({ TopicArn: arnOf(estate, t) })) },
        ...(next ? { NextToken: next } : {}),
      });
    }
    case 'GetTopicAttributes': {
      const t = topics.find((x) => arnOf(estate, x) === req.params.TopicArn);
      if (!t) return queryError('sns', 404, 'NotFound', 'Topic does not exist');
      const arn = arnOf(estate, t);
      const attributes: Record<string, string> = {
        Policy: JSON.stringify(t.policy ?? defaultPolicy(estate, arn)),
        Owner: estate.accountId,
        SubscriptionsPending: '0',
        TopicArn: arn,
        EffectiveDeliveryPolicy: JSON.stringify({
          http: { defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3 } },
        }),
        SubscriptionsConfirmed: '2',
        DisplayName: '',
        SubscriptionsDeleted: '0',
        ...(t.kmsKeyId ? { KmsMasterKeyId: t.kmsKeyId } : {}),
      };
      return queryOk('sns', 'GetTopicAttributes', {
        Attributes: { entry: Object.entries(attributes).map(([key, value]) => ({ key, value })) },
      });
    }
    default:
      throw new UnknownOperation();
  }
};
