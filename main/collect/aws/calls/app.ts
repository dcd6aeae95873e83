// The app group's API calls (see main/collect/registry.ts for what an entry means and why it matters).
import type { ApiCall } from '../../registry';

export const APP_CALLS: readonly ApiCall[] = [
  {
    service: 'sns',
    operation: 'ListTopics',
    action: 'sns:ListTopics',
    why: 'Lists the SNS topics in each region: the population for the SNS checks.',
  },
  {
    service: 'sns',
    operation: 'GetTopicAttributes',
    action: 'sns:GetTopicAttributes',
    why: "Reads each topic's KMS key and access policy (encryption at rest and public access checks).",
  },
  {
    service: 'sqs',
    operation: 'ListQueues',
    action: 'sqs:ListQueues',
    why: 'Lists the SQS queues in each region: the population for the SQS checks.',
  },
  {
    service: 'sqs',
    operation: 'GetQueueAttributes',
    action: 'sqs:GetQueueAttributes',
    why: "Reads each queue's encryption settings and access policy (never its messages).",
  },
  {
    service: 'lambda',
    operation: 'ListFunctions',
    action: 'lambda:ListFunctions',
    why: 'Lists the Lambda functions in each region with their runtimes (supported runtime check).',
  },
  {
    service: 'lambda',
    operation: 'GetPolicy',
    action: 'lambda:GetPolicy',
    why: "Reads each function's resource-based policy to see who may invoke it (public access check).",
  },
  {
    service: 'lambda',
    operation: 'ListFunctionUrlConfigs',
    action: 'lambda:ListFunctionUrlConfigs',
    why: "Lists each function's URLs and their auth type (public function URL check).",
  },
  {
    service: 'elasticloadbalancing',
    operation: 'DescribeLoadBalancers',
    action: 'elasticloadbalancing:DescribeLoadBalancers',
    why: 'Lists the Application, Network and Gateway Load Balancers in each region.',
  },
  {
    service: 'elasticloadbalancing',
    operation: 'DescribeListeners',
    action: 'elasticloadbalancing:DescribeListeners',
    why: "Reads each load balancer's listeners: protocol, TLS security policy and default action (HTTPS checks).",
  },
  {
    service: 'acm',
    operation: 'ListCertificates',
    action: 'acm:ListCertificates',
    why: 'Lists the ACM certificates in each region with their status, use and expiry date (expiry check).',
  },
  {
    service: 'secretsmanager',
    operation: 'ListSecrets',
    action: 'secretsmanager:ListSecrets',
    why: "Lists the secrets' metadata in each region, rotation settings included (never a secret value).",
  },
];
