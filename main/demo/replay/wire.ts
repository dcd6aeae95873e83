// Response bodies in the real wire formats of the protocols the SDK clients speak, success and error.
// The shapes follow AWS's published responses (element names, wrappers, namespaces), because the point of
// the replay server is that the REAL SDK deserializers parse them.
import crypto from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';

export type ReplayResponse = { status: number; headers: Record<string, string>; body: string };

export type Protocol = 'query' | 'ec2' | 'rest-xml' | 'json' | 'rest-json';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressBooleanAttributes: false,
});

const NAMESPACES: Record<string, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  ec2: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  s3: 'http://s3.amazonaws.com/doc/2006-03-01/',
  rds: 'http://rds.amazonaws.com/doc/2014-10-31/',
  elasticache: 'http://elasticache.amazonaws.com/doc/2015-02-02/',
  sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
  elasticloadbalancing: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  's3-control': 'http://awss3control.amazonaws.com/doc/2018-08-20/',
};

export const PROTOCOL_OF: Record<string, Protocol> = {
  sts: 'query',
  iam: 'query',
  ec2: 'ec2',
  s3: 'rest-xml',
  's3-control': 'rest-xml',
  cloudtrail: 'json',
  'access-analyzer': 'rest-json',
  config: 'json',
  guardduty: 'rest-json',
  securityhub: 'rest-json',
  logs: 'json',
  monitoring: 'json',
  kms: 'json',
  rds: 'query',
  dynamodb: 'json',
  elasticfilesystem: 'rest-json',
  elasticache: 'query',
  backup: 'rest-json',
  sns: 'query',
  sqs: 'json',
  lambda: 'rest-json',
  elasticloadbalancing: 'query',
  acm: 'json',
  secretsmanager: 'json',
  organizations: 'json',
  account: 'rest-json',
};

/** awsJson1_0 services (the rest of the 'json' ones are 1.1); only the content type differs on the wire. */
const JSON_1_0 = new Set(['dynamodb', 'sqs', 'monitoring']);

export function requestId(): string {
  return crypto.randomUUID();
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

function xml(
  root: string,
  content: unknown,
  headers: Record<string, string> = {},
  status = 200,
): ReplayResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId(), ...headers },
    body: XML_DECL + builder.build({ [root]: content }),
  };
}

/**
 * AWS query protocol (STS, IAM, RDS, ElastiCache, SNS, ELBv2):
 * <OpResponse xmlns=service namespace><OpResult>...</OpResult><ResponseMetadata/></OpResponse>.
 * Lists are <member> elements: write { Things: { member: [...] } }.
 */
export function queryOk(service: string, operation: string, result: Record<string, unknown>): ReplayResponse {
  return xml(`${operation}Response`, {
    '@_xmlns': NAMESPACES[service],
    [`${operation}Result`]: result,
    ResponseMetadata: { RequestId: requestId() },
  });
}

export function queryError(service: string, status: number, code: string, message: string): ReplayResponse {
  return xml(
    'ErrorResponse',
    {
      '@_xmlns': NAMESPACES[service],
      Error: { Type: status >= 500 ? 'Receiver' : 'Sender', Code: code, Message: message },
      RequestId: requestId(),
    },
    {},
    status,
  );
}

/** EC2 query protocol: no Result wrapper, lowerCamel element names, lists as <item>. */
export function ec2Ok(operation: string, body: Record<string, unknown>): ReplayResponse {
  return xml(`${operation}Response`, { '@_xmlns': NAMESPACES.ec2, requestId: requestId(), ...body });
}

export function ec2Error(status: number, code: string, message: string): ReplayResponse {
  return xml(
    'Response',
    { Errors: { Error: { Code: code, Message: message } }, RequestID: requestId() },
    {},
    status,
  );
}

/** S3 REST-XML: the named root element, S3 namespace. */
export function s3Ok(root: string, content: Record<string, unknown> | string): ReplayResponse {
  const body =
    typeof content === 'string'
      ? { '@_xmlns': NAMESPACES.s3, '#text': content }
      : { '@_xmlns': NAMESPACES.s3, ...content };
  return xml(root, body, { 'x-amz-request-id': requestId().slice(0, 16).toUpperCase() });
}

export function s3Error(
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
): ReplayResponse {
  const id = requestId().slice(0, 16).toUpperCase();
  return xml(
    'Error',
    { Code: code, Message: message, ...extra, RequestId: id, HostId: Buffer.from(id).toString('base64') },
    { 'x-amz-request-id': id, ...headers },
    status,
  );
}

/** awsJson1_0 / awsJson1_1 (CloudTrail, KMS, ...). Timestamps are epoch seconds. */
export function jsonOk(body: unknown, service?: string): ReplayResponse {
  const version = service && JSON_1_0.has(service) ? '1.0' : '1.1';
  return {
    status: 200,
    headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-requestid': requestId() },
    body: JSON.stringify(body),
  };
}

export function jsonError(status: number, type: string, message: string, service?: string): ReplayResponse {
  const version = service && JSON_1_0.has(service) ? '1.0' : '1.1';
  return {
    status,
    headers: {
      'content-type': `application/x-amz-json-${version}`,
      'x-amzn-requestid': requestId(),
      'x-amzn-errortype': type,
      // SQS's JSON protocol is "query compatible": clients read the classic error code from this header.
      ...(service === 'sqs' ? { 'x-amzn-query-error': `${type};Sender` } : {}),
    },
    body: JSON.stringify({ __type: type, message }),
  };
}

/** restJson1 (Lambda, EFS, Backup, GuardDuty, Security Hub, Access Analyzer). Timestamps: see each API. */
export function restJsonOk(body: unknown, status = 200): ReplayResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId() },
    body: JSON.stringify(body),
  };
}

export function restJsonError(status: number, type: string, message: string): ReplayResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': requestId(),
      'x-amzn-errortype': type,
    },
    body: JSON.stringify({ message, Message: message }),
  };
}

/** A service error in the service's own protocol. */
export function serviceError(service: string, status: number, code: string, message: string): ReplayResponse {
  switch (PROTOCOL_OF[service]) {
    case 'query':
      return queryError(service, status, code, message);
    case 'ec2':
      return ec2Error(status, code, message);
    case 'rest-xml':
      return s3Error(status, code, message);
    case 'rest-json':
      return restJsonError(status, code, message);
    default:
      return jsonError(status, code, message, service);
  }
}

/** ISO-8601 timestamp, `days` before `now`, to the second (as AWS XML timestamps are). */
export function isoDaysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
