// The resource types of the app group (SNS, SQS, Lambda, ELBv2, ACM, Secrets Manager) and their configs: the
// contract between main/collect/aws/{sns,sqs,lambda,elbv2,acm,secrets-manager}.ts and the checks in
// main/checks/aws/{sns,sqs,awslambda,elbv2,acm,secretsmanager}/. Same conventions as shapes.ts: config is the
// SDK's own output (PascalCase) with follow-up results under the keys below; a follow-up call that FAILED
// leaves its key ABSENT (and a collection_errors row); "collected, not configured" is JSON null.
import type { PolicyJudgement } from './policy-judgement';

export const APP_TYPES = {
  /** uid: the topic ARN; one per topic per region. */
  snsTopic: 'AWS::SNS::Topic',
  /** uid: arn:aws:sqs:<region>:<account>:<queue name> (built from the queue URL, so it exists even when
   *  GetQueueAttributes failed). */
  sqsQueue: 'AWS::SQS::Queue',
  /** uid: the function ARN (unqualified: $LATEST). */
  lambdaFunction: 'AWS::Lambda::Function',
  /** uid: the load balancer ARN. */
  elbv2LoadBalancer: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  /** uid: the certificate ARN. */
  acmCertificate: 'AWS::CertificateManager::Certificate',
  /** uid: the secret ARN. */
  secretsManagerSecret: 'AWS::SecretsManager::Secret',
} as const;

/** config of AWS::SNS::Topic: the ListTopics entry + GetTopicAttributes. */
export type SnsTopicConfig = {
  TopicArn: string;
  /** GetTopicAttributes .Attributes (Policy, KmsMasterKeyId when set, Owner, DisplayName, ...). */
  Attributes?: Record<string, string>;
  /**
   * judgePolicy() of Attributes.Policy (for the owning account); null = the topic has no Policy attribute.
   * Absent exactly when Attributes is absent.
   */
  PolicyJudgement?: PolicyJudgement | null;
};

/** config of AWS::SQS::Queue: the ListQueues URL + GetQueueAttributes(All). */
export type SqsQueueConfig = {
  QueueUrl: string;
  QueueName: string;
  /** GetQueueAttributes .Attributes (QueueArn, Policy when set, KmsMasterKeyId when set, SqsManagedSseEnabled). */
  Attributes?: Record<string, string>;
  /** judgePolicy() of Attributes.Policy; null = the queue has no policy. Absent when Attributes is absent. */
  PolicyJudgement?: PolicyJudgement | null;
};

/** config of AWS::Lambda::Function: the ListFunctions entry + GetPolicy + ListFunctionUrlConfigs. */
export type LambdaFunctionConfig = {
  FunctionName: string;
  FunctionArn: string;
  /** Absent for container-image functions (PackageType 'Image'). */
  Runtime?: string;
  PackageType?: string;
  LastModified?: string;
  /** GetPolicy .Policy (JSON text); null = the function has no resource policy (ResourceNotFoundException). */
  Policy?: string | null;
  /** judgePolicy() of Policy; null when Policy is null; absent when GetPolicy failed. */
  PolicyJudgement?: PolicyJudgement | null;
  /** ListFunctionUrlConfigs .FunctionUrlConfigs (every page); [] = no function URL. */
  FunctionUrls?: { FunctionUrl?: string; AuthType?: string; Qualifier?: string }[];
};

/** config of AWS::ElasticLoadBalancingV2::LoadBalancer: DescribeLoadBalancers entry + DescribeListeners. */
export type Elbv2LoadBalancerConfig = {
  LoadBalancerArn: string;
  LoadBalancerName: string;
  /** 'application' | 'network' | 'gateway' */
  Type?: string;
  Scheme?: string;
  DNSName?: string;
  /** DescribeListeners .Listeners (every page); [] = no listener. */
  Listeners?: {
    ListenerArn?: string;
    Port?: number;
    /** HTTP | HTTPS | TCP | TLS | UDP | TCP_UDP | GENEVE */
    Protocol?: string;
    SslPolicy?: string;
    DefaultActions?: {
      Type?: string;
      RedirectConfig?: { Protocol?: string; Port?: string; StatusCode?: string };
    }[];
  }[];
};

/** config of AWS::CertificateManager::Certificate: the ListCertificates summary as is. */
export type AcmCertificateConfig = {
  CertificateArn: string;
  DomainName?: string;
  /** ISSUED | EXPIRED | PENDING_VALIDATION | INACTIVE | REVOKED | FAILED | VALIDATION_TIMED_OUT */
  Status?: string;
  /** AMAZON_ISSUED | IMPORTED | PRIVATE */
  Type?: string;
  InUse?: boolean;
  NotAfter?: string;
  RenewalEligibility?: string;
};

/** config of AWS::SecretsManager::Secret: the ListSecrets entry (without the tag list, kept in tags). */
export type SecretsManagerSecretConfig = {
  ARN: string;
  Name: string;
  /**
   * ListSecrets leaves RotationEnabled out when rotation is off (AWS's own examples; Prowler reads a missing
   * value as false), so the collector writes an explicit false for an entry of a successful listing. An
   * absent key therefore means the setting was not collected.
   */
  RotationEnabled?: boolean;
  RotationRules?: { AutomaticallyAfterDays?: number; ScheduleExpression?: string; Duration?: string };
  LastRotatedDate?: string;
  NextRotationDate?: string;
  OwningService?: string;
};
