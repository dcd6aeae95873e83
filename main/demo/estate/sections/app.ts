// The app group's part of a replayable account (Estate.appServices): the facts its replay responders render
// (main/demo/replay/services/{sns,sqs,lambda,elbv2,acm,secrets-manager}.ts). Dates are relative to the request
// ("days ago" / "days from now"), like the rest of the estate.

/** A resource policy document (rendered as JSON text, as SNS, SQS and Lambda return it). */
export type PolicyDocument = { Version: string; Statement: unknown };

export type EstateTopic = {
  region: string;
  name: string;
  /** SSE with this KMS key (alias or ARN); absent = not encrypted at rest. */
  kmsKeyId?: string;
  /** The topic's access policy; absent = SNS's default policy (owner account only). */
  policy?: PolicyDocument;
};

export type EstateQueue = {
  region: string;
  name: string;
  /** SSE-KMS with this key; takes precedence over sqsManagedSse. */
  kmsKeyId?: string;
  /** SSE-SQS (SQS-owned keys). */
  sqsManagedSse?: boolean;
  /** The queue policy; absent = none. */
  policy?: PolicyDocument;
};

export type EstateFunction = {
  region: string;
  name: string;
  /** Absent = a container-image function (PackageType Image). */
  runtime?: string;
  lastModifiedDaysAgo: number;
  /** The function's resource-based policy; absent = none (GetPolicy answers ResourceNotFoundException). */
  policy?: PolicyDocument;
  /** Function URL and its auth type; absent = no URL. */
  url?: { authType: 'NONE' | 'AWS_IAM' };
};

export type EstateListener = {
  port: number;
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP';
  /** HTTPS/TLS listeners only. */
  sslPolicy?: string;
  /** Default action: forward to a target group, or redirect (protocol as in RedirectConfig, e.g. HTTPS). */
  action: { type: 'forward' } | { type: 'redirect'; protocol: string; port: string } | { type: 'fixed-response' };
};

export type EstateLoadBalancer = {
  region: string;
  name: string;
  type: 'application' | 'network';
  scheme: 'internet-facing' | 'internal';
  createdDaysAgo: number;
  listeners: EstateListener[];
};

export type EstateCertificate = {
  region: string;
  /** The certificate id (a UUID). */
  id: string;
  domain: string;
  status: 'ISSUED' | 'EXPIRED' | 'PENDING_VALIDATION' | 'INACTIVE' | 'REVOKED' | 'FAILED';
  type: 'AMAZON_ISSUED' | 'IMPORTED';
  keyAlgorithm: 'RSA_2048' | 'RSA_4096' | 'EC_prime256v1' | 'EC_secp384r1';
  inUse: boolean;
  /** Days from the request to NotAfter (negative = already expired). */
  expiresInDays: number;
};

export type EstateSecret = {
  region: string;
  name: string;
  /** The 6-character suffix AWS appends to a secret's ARN. */
  suffix: string;
  createdDaysAgo: number;
  /** Automatic rotation; absent = off. */
  rotation?: { everyDays: number; lastRotatedDaysAgo: number };
};

export type AppServicesEstate = {
  topics: EstateTopic[];
  queues: EstateQueue[];
  functions: EstateFunction[];
  loadBalancers: EstateLoadBalancer[];
  certificates: EstateCertificate[];
  secrets: EstateSecret[];
};
