// Our own judgement of a resource-based policy document (bucket, key, topic, queue, function policies and role
// trust policies): does it let anyone in, or another account in? S3's GetBucketPolicyStatus is AWS's opinion
// and exists for buckets only, and an absent IsPublic is not "private"; so every collector that reads a policy
// attaches this judgement next to the document, and checks say which judgement they used. Pure function, no
// I/O: the document itself is kept in the evidence, so an auditor can redo the reading by hand.

/** Condition keys that tie a wildcard principal to a known caller, source or network. */
const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:ResourceOrgID',
    'aws:userid',
    'aws:username',
    'kms:CallerAccount',
    'lambda:FunctionUrlAuthType',
    's3:DataAccessPointAccount',
    'sts:ExternalId',
  ].map((k) => k.toLowerCase()),
);

/** Operators that restrict only when their values are concrete (no bare "*"). Negations never restrict. */
const RESTRICTING_OPERATORS =
  /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)$/;

export type StatementJudgement = {
  /** The statement's Sid, or its position ("#2") when it has none. */
  sid: string;
  /** Why it is public or cross-account, or why a wildcard principal was judged restricted. */
  reason: string;
};

export type PolicyJudgement = {
  /** Some Allow statement admits any principal (or uses NotPrincipal) with no restricting condition. */
  Public: boolean;
  PublicStatements: StatementJudgement[];
  /** Wildcard-principal statements that a condition restricts (shown so the reader sees why they passed). */
  RestrictedStatements: StatementJudgement[];
  /** Other AWS accounts an Allow statement names as principal (12-digit ids), sorted. */
  CrossAccounts: string[];
  /** Cross-account grants without an sts:ExternalId condition (trust policies: the confused-deputy risk). */
  CrossAccountsWithoutExternalId: string[];
  /** Set when the document could not be read; every other field is then meaningless (and Public false). */
  ParseError?: string;
};

type Statement = Record<string, unknown>;

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function parse(doc: unknown): { statements: Statement[] } | { error: string } {
  let value = doc;
  if (typeof doc === 'string') {
    let text = doc;
    // IAM returns policy documents URL-encoded (GetRole, GetPolicyVersion); others return plain JSON.
    if (/^%7B/i.test(text.trim())) text = decodeURIComponent(text);
    try {
      value = JSON.parse(text);
    } catch {
      return { error: 'the policy is not valid JSON' };
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { error: 'the policy is not a JSON object' };
  const statements = asArray((value as Record<string, unknown>).Statement);
  if (statements.length === 0) return { error: 'the policy has no Statement' };
  if (!statements.every((s) => s && typeof s === 'object' && !Array.isArray(s)))
    return { error: 'a Statement entry is not an object' };
  return { statements: statements as Statement[] };
}

/** The AWS principals of a statement: "*" for anyone, account ids / ARNs otherwise. */
function awsPrincipals(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (!principal || typeof principal !== 'object') return [];
  const p = principal as Record<string, unknown>;
  return [...asArray(p.AWS), ...asArray(p.CanonicalUser)].map(String);
}

const accountOf = (principal: string): string | undefined =>
  /^\d{12}$/.test(principal) ? principal : /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):/.exec(principal)?.[2];

/** The restricting condition keys of a statement (with a concrete value under a restricting operator). */
function restrictingKeys(condition: unknown): string[] {
  if (!condition || typeof condition !== 'object') return [];
  const keys: string[] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (!RESTRICTING_OPERATORS.test(operator) || !block || typeof block !== 'object') continue;
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      const values = asArray(value).map(String);
      const concrete =
        values.length > 0 && values.every((v) => v !== '*' && v !== '0.0.0.0/0' && v !== '::/0' && v !== '');
      if (RESTRICTING_KEYS.has(key.toLowerCase()) && concrete) keys.push(key);
    }
  }
  return keys;
}

/**
 * Judges a resource policy or trust policy. `ownAccount` is the account that owns the resource: grants to it
 * are not cross-account. The document may be an object, JSON text or IAM's URL-encoded JSON text.
 */
export function judgePolicy(doc: unknown, ownAccount: string): PolicyJudgement {
  const out: PolicyJudgement = {
    Public: false,
    PublicStatements: [],
    RestrictedStatements: [],
    CrossAccounts: [],
    CrossAccountsWithoutExternalId: [],
  };
  const parsed = parse(doc);
  if ('error' in parsed) return { ...out, ParseError: parsed.error };
  const cross = new Set<string>();
  const crossNoExternalId = new Set<string>();
  parsed.statements.forEach((s, i) => {
    if (s.Effect !== 'Allow') return;
    const sid = typeof s.Sid === 'string' && s.Sid ? s.Sid : `#${i + 1}`;
    const keys = restrictingKeys(s.Condition);
    if (s.NotPrincipal !== undefined) {
      // "Allow everyone except ..." admits the whole world unless a condition narrows it.
      if (keys.length === 0) {
        out.PublicStatements.push({ sid, reason: 'Allow with NotPrincipal admits every other principal' });
      } else out.RestrictedStatements.push({ sid, reason: `NotPrincipal restricted by ${keys.join(', ')}` });
      return;
    }
    for (const principal of awsPrincipals(s.Principal)) {
      if (principal === '*') {
        if (keys.length === 0)
          out.PublicStatements.push({
            sid,
            reason: 'Allow to Principal "*" without a restricting condition',
          });
        else out.RestrictedStatements.push({ sid, reason: `Principal "*" restricted by ${keys.join(', ')}` });
        continue;
      }
      const account = accountOf(principal);
      if (account && account !== ownAccount) {
        cross.add(account);
        if (!keys.some((k) => k.toLowerCase() === 'sts:externalid')) crossNoExternalId.add(account);
      }
    }
  });
  out.Public = out.PublicStatements.length > 0;
  out.CrossAccounts = [...cross].sort();
  out.CrossAccountsWithoutExternalId = [...crossNoExternalId].sort();
  return out;
}
