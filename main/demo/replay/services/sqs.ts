// SQS responses (awsJson1_0, "query compatible": errors also carry x-amzn-query-error, added by wire.ts).
// ListQueues pages only when MaxResults is given, as SQS does; queue URLs are the real regional form.
import type { Estate } from '../../estate/types';
import type { EstateQueue } from '../../estate/sections/app';
import { isoDaysAgo, jsonError, jsonOk } from '../wire';
import { pageOf, UnknownOperation, type Responder } from './types';

/** Largest page the demo serves (AWS: up to 1000); small so the demo exercises pagination. */
const PAGE = 2;

const urlOf = (estate: Estate, q: EstateQueue) =>
  `https://sqs.${q.region}.amazonaws.com/${estate.accountId}/${q.name}`;

export const sqsResponder: Responder = (estate, req) => {
  const queues = (estate.appServices?.queues ?? []).filter((q) => q.region === req.region);
  switch (req.operation) {
    case 'ListQueues': {
      const max = Number(req.params.MaxResults);
      if (!Number.isFinite(max) || max < 1) {
        // Without MaxResults SQS returns up to 1000 URLs and no token.
        return jsonOk({ QueueUrls: queues.map((q) => urlOf(estate, q)) }, 'sqs');
      }
      const { page, next } = pageOf(queues, req.params.NextToken, Math.min(max, PAGE));
      return jsonOk(
        { QueueUrls: page.map((q) => urlOf(estate, q)), ...(next ? { NextToken: next } : {}) },
        'sqs',
      );
    }
    case 'GetQueueAttributes': {
      const q = queues.find((x) => urlOf(estate, x) === req.params.QueueUrl);
      if (!q) {
        return jsonError(400, 'QueueDoesNotExist', 'The specified queue does not exist.', 'sqs');
      }
      const created = String(Math.floor(Date.parse(isoDaysAgo(req.now, 400)) / 1000));
      const attributes: Record<string, string> = {
        QueueArn: `arn:aws:sqs:${q.region}:${estate.accountId}:${q.name}`,
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
        ApproximateNumberOfMessagesDelayed: '0',
        CreatedTimestamp: created,
        LastModifiedTimestamp: created,
        VisibilityTimeout: '30',
        MaximumMessageSize: '262144',
        MessageRetentionPeriod: '345600',
        DelaySeconds: '0',
        ReceiveMessageWaitTimeSeconds: '0',
        ...(q.kmsKeyId
          ? { KmsMasterKeyId: q.kmsKeyId, KmsDataKeyReusePeriodSeconds: '300' }
          : { SqsManagedSseEnabled: q.sqsManagedSse ? 'true' : 'false' }),
        ...(q.policy ? { Policy: JSON.stringify(q.policy) } : {}),
      };
      return jsonOk({ Attributes: attributes }, 'sqs');
    }
    default:
      throw new UnknownOperation();
  }
};
