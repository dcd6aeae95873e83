// The guard on every SDK client the collectors use: it reads the command actually being sent (its service is
// the client's, its operation the one the SDK serialises) and refuses it unless main/collect/registry.ts lists
// it, and unless it is the operation the collector declared to recordedCall. It runs first in the middleware
// stack, so a refused command is never signed, serialised or sent. Checking only the operation name passed
// beside the call would let `send(new PutBucketAclCommand(...))` under the name GetBucketAcl through.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  SMITHY_CONTEXT_KEY,
  type HandlerExecutionContext,
  type InitializeMiddleware,
  type MetadataBearer,
  type MiddlewareStack,
} from '@smithy/types';
import { findApiCall, type AwsService } from '../registry';

/** A programming error, never an AWS failure: it must stop the snapshot, not be recorded as a gap. */
export class RegistryGuardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryGuardError';
  }
}

type DeclaredCall = {
  service: AwsService;
  operation: string;
  /** Told about every failed attempt of the call (the scheduler slows down on throttling). */
  onAttemptError?: (err: unknown) => void;
};

/** The client each service's commands name in their static definition (Command.n(clientName, ...)). */
const SDK_CLIENT_NAMES: Record<AwsService, string> = {
  sts: 'STSClient',
  s3: 'S3Client',
  iam: 'IAMClient',
  ec2: 'EC2Client',
  cloudtrail: 'CloudTrailClient',
  's3-control': 'S3ControlClient',
  'access-analyzer': 'AccessAnalyzerClient',
  config: 'ConfigServiceClient',
  guardduty: 'GuardDutyClient',
  securityhub: 'SecurityHubClient',
  logs: 'CloudWatchLogsClient',
  monitoring: 'CloudWatchClient',
  kms: 'KMSClient',
  rds: 'RDSClient',
  dynamodb: 'DynamoDBClient',
  elasticfilesystem: 'EFSClient',
  elasticache: 'ElastiCacheClient',
  backup: 'BackupClient',
  sns: 'SNSClient',
  sqs: 'SQSClient',
  lambda: 'LambdaClient',
  elasticloadbalancing: 'ElasticLoadBalancingV2Client',
  acm: 'ACMClient',
  secretsmanager: 'SecretsManagerClient',
  organizations: 'OrganizationsClient',
  account: 'AccountClient',
};

const declaredCall = new AsyncLocalStorage<DeclaredCall>();

/** Runs `send` with the call it declares, so the guard can hold every command it sends to that declaration. */
export function sendAsDeclared<T>(declared: DeclaredCall, send: () => Promise<T>): Promise<T> {
  return declaredCall.run(declared, send);
}

/** The declaration of the call being sent, if any (for middleware that acts per call). */
export function currentDeclaredCall(): DeclaredCall | undefined {
  return declaredCall.getStore();
}

/**
 * The wire operation of the command being sent. The SDK's smithy context names it directly; the command name
 * ("ListBucketsCommand") is the fallback. Both come from the command class's static definition, not from
 * anything the caller passes.
 */
function operationOf(context: HandlerExecutionContext): string | undefined {
  const smithy = (context as Record<string, unknown>)[SMITHY_CONTEXT_KEY] as
    { operation?: unknown } | undefined;
  const fromSmithy = typeof smithy?.operation === 'string' ? smithy.operation : undefined;
  const fromName =
    typeof context.commandName === 'string' ? context.commandName.replace(/Command$/, '') : undefined;
  // Two disagreeing names mean a hand-built command: trust neither.
  if (fromSmithy !== undefined && fromName !== undefined && fromSmithy !== fromName) return undefined;
  return fromSmithy ?? fromName;
}

function guardMiddleware(service: AwsService): InitializeMiddleware<object, MetadataBearer> {
  return (next, context) => async (args) => {
    const operation = operationOf(context);
    if (operation === undefined) {
      throw new RegistryGuardError(
        `refused a ${service} command the SDK did not name (${String(context.commandName)}); only commands from ` +
          'the AWS SDK client packages can be checked against main/collect/registry.ts',
      );
    }
    if (context.clientName !== SDK_CLIENT_NAMES[service]) {
      throw new RegistryGuardError(
        `refused ${String(context.clientName)} command ${operation} sent through the ${service} client: a command ` +
          "of another service's SDK package would be checked against the wrong part of main/collect/registry.ts",
      );
    }
    if (!findApiCall(service, operation)) {
      throw new RegistryGuardError(
        `refused ${service}:${operation}: it is not in main/collect/registry.ts, so it is not known to be ` +
          'read-only and the generated least-privilege policy does not cover it; add it there first if it is needed',
      );
    }
    const declared = declaredCall.getStore();
    if (declared && (declared.service !== service || declared.operation !== operation)) {
      throw new RegistryGuardError(
        `refused ${service}:${operation}: the collector declared ${declared.service}:${declared.operation} for ` +
          'this call, and its response would be recorded as evidence under the wrong operation',
      );
    }
    return next(args);
  };
}

/** Puts the guard at the very start of a client's middleware stack (before serialising, signing and retry). */
export function installRegistryGuard(
  stack: MiddlewareStack<object, MetadataBearer>,
  service: AwsService,
): void {
  stack.add(guardMiddleware(service), {
    step: 'initialize',
    priority: 'high',
    name: 'evidenceDeskRegistryGuard',
    override: true,
  });
}
