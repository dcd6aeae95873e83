// What a secret looks like: by the name it is stored under (key names, tag keys, env-var names) and by the
// shape of the value itself (PEM private keys, JWTs, bearer tokens, passwords in URLs and connection strings,
// AWS secret access keys). Names alone are not enough: tags and env vars arrive as {Key, Value} pairs whose
// key is "Value", and free text (descriptions, names) carries secrets with no key at all.
//
// Unambiguous shapes (a PEM block, a JWT, scheme://user:pw@host) are redacted wherever they appear. Ambiguous
// ones (a 40-char base64 string, a high-entropy token) only where the context says "secret", because ids,
// hashes and pagination tokens look the same and the checks need them.

/** The text that replaces a secret: says how much was withheld, never what. */
export function redactionMarker(removed: string): string {
  return `[redacted: ${removed.length} chars]`;
}

const MARKER_AT_START = /^\[redacted: \d+ chars\]/;
const MARKER_ONLY = /^\[redacted: \d+ chars\]$/;

export function isRedactionMarker(text: string): boolean {
  return MARKER_ONLY.test(text);
}

/** Counts what one redaction pass withheld, by kind (e.g. 'jwt', 'key-name'). */
export class RedactionTally {
  count = 0;
  readonly kinds = new Set<string>();
  /** Replaces `removed` with a marker and records it. */
  mark(removed: string, kind: string): string {
    this.count++;
    this.kinds.add(kind);
    return redactionMarker(removed);
  }
  add(other: { count: number; kinds: Iterable<string> }): void {
    this.count += other.count;
    for (const k of other.kinds) this.kinds.add(k);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Key names

/**
 * How far a key name says its value is secret:
 * - secret: always redact a string/object value (DB_PASSWORD, SecretAccessKey, api_key, Authorization);
 * - maybe: redact a string value only when it looks like a token (high entropy), e.g. deploy_key, auth;
 * - known-plain: a field known not to hold secrets (ids, ARNs, names, hashes, dates, pagination tokens):
 *   only unambiguous shapes are redacted, so a sha256 or a NextToken that happens to look random survives;
 * - free: anything else (descriptions, tag values): unambiguous shapes plus a bare AWS secret key.
 */
export type KeySecrecy = 'secret' | 'maybe' | 'known-plain' | 'free';

// Compared against the last segment of the key (after ':' or '/', so policy condition keys such as
// aws:PrincipalTag/password are judged by "password"), lower-cased with separators removed.
const SECRET_SUFFIXES = [
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'privatekey',
  'privkey',
  'token',
  'apikey',
  'credential',
  'connectionstring',
  'connstring',
  'connstr',
  'authorization',
  'cookie',
  'signingkey',
];

// Tokens that are not credentials: pagination cursors and idempotency tokens. Returned by every list call.
const NOT_SECRET_TOKENS = new Set([
  'nexttoken',
  'continuationtoken',
  'nextcontinuationtoken',
  'paginationtoken',
  'startingtoken',
  'clienttoken',
  'idempotencytoken',
  // EFS: the idempotency token the file system was created with (CreateFileSystem's CreationToken).
  'creationtoken',
]);

// A key ending like this names metadata about a secret, not the secret (PasswordLastUsed, SecretArn,
// KmsKeyId, KeyFingerprint, MinimumPasswordLength, password_enabled...).
const NOT_SECRET_SUFFIXES = [
  'id',
  'ids',
  'arn',
  'arns',
  'name',
  'names',
  'type',
  'types',
  'status',
  'state',
  'enabled',
  'date',
  'time',
  'timestamp',
  'region',
  'count',
  'length',
  'size',
  'version',
  'policy',
  'fingerprint',
  'hash',
  'sha1',
  'sha256',
  'md5',
  'digest',
  'checksum',
  'etag',
  'algorithm',
  'format',
  'usage',
  'source',
  'lastused',
  'lastchanged',
  'lastrotated',
  'nextrotation',
  'expiration',
  'expiresat',
  'createdat',
  'updatedat',
  'prevention',
  'required',
  'present',
  'age',
  // Secrets Manager's SecretVersionsToStages: version ids mapped to staging labels (AWSCURRENT...).
  'stages',
];

const MAYBE_PARTS = ['key', 'auth', 'cred', 'pass', 'pwd', 'salt', 'seed', 'private', 'signature'];

function normaliseKey(key: string): string {
  const last = key.split(/[:/]/).pop() ?? key;
  return last.toLowerCase().replace(/[\s_.-]/g, '');
}

export function keySecrecy(key: string): KeySecrecy {
  const k = normaliseKey(key);
  if (!k) return 'free';
  if (NOT_SECRET_TOKENS.has(k)) return 'known-plain';
  if (SECRET_SUFFIXES.some((s) => k.endsWith(s))) return 'secret';
  if (NOT_SECRET_SUFFIXES.some((s) => k.endsWith(s)) || k.includes('public')) return 'known-plain';
  if (k.includes('secret')) return 'secret';
  // "Credentials" (plural) is usually a structure (AccessKeyId + SecretAccessKey) whose parts are judged
  // by their own names; as a plain string it is judged by its entropy.
  if (MAYBE_PARTS.some((p) => k.includes(p))) return 'maybe';
  return 'free';
}

/** True for a key whose value is a secret: *Secret*, *Password, *PrivateKey, *Token, API_KEY... */
export function isSecretKey(key: string): boolean {
  return keySecrecy(key) === 'secret';
}

// ---------------------------------------------------------------------------------------------------------
// Value shapes

const ARN = /^arn:[a-z0-9-]+:/i;
// AWS principal/key ids (AKIA..., AIDA...) are identifiers, not credentials; so are resource ids (sg-..).
const AWS_ID = /^(?:AKIA|ASIA|AIDA|AROA|ANPA|ANVA|AGPA|AIPA|APKA|ABIA|ACCA)[A-Z0-9]{12,}$/;
const RESOURCE_ID = /^[a-z]{1,12}-[0-9a-f]{8,17}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+)?(?:Z|[+-]\d{2}:?\d{2})?$/;

function isIdentifier(s: string): boolean {
  return ARN.test(s) || AWS_ID.test(s) || RESOURCE_ID.test(s) || ISO_DATE.test(s);
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  const freq = new Map<string, number>();
  for (const ch of s) freq.set(ch, (freq.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of freq.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

// Random tokens of 16+ characters score ~3.6-4.5 bits/char; words, slugs and dates score below 3.5.
const ENTROPY_MIN_LENGTH = 16;
const ENTROPY_MIN_BITS = 3.5;

/** A token-like value: long, no spaces, letters and digits, high entropy, and not an id/ARN/date. */
export function looksHighEntropy(s: string): boolean {
  return (
    s.length >= ENTROPY_MIN_LENGTH &&
    !/\s/.test(s) &&
    /[A-Za-z]/.test(s) &&
    /\d/.test(s) &&
    !isIdentifier(s) &&
    !/^[a-z][a-z0-9+.-]*:\/\/[^@]*$/i.test(s) && // a URL without credentials
    shannonEntropy(s) >= ENTROPY_MIN_BITS
  );
}

/**
 * An AWS secret access key: 40 characters of base64, mixed case. All-hex strings (SHA-1 digests, git commit
 * ids) have the same length and are not secrets.
 */
export function looksLikeAwsSecretKey(s: string): boolean {
  return (
    /^[A-Za-z0-9/+]{40}$/.test(s) &&
    /[A-Z]/.test(s) &&
    /[a-z]/.test(s) &&
    /[\d/+]/.test(s) &&
    !/^[0-9a-fA-F]{40}$/.test(s)
  );
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]*?)PRIVATE KEY( BLOCK)?-----[\s\S]*?-----END \1PRIVATE KEY\2-----/g;
// A truncated block (no END line) is still a key: everything from BEGIN on is withheld.
const PEM_UNTERMINATED = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*$/;
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}(?:\.[A-Za-z0-9_-]*){1,3}/g;
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)([A-Za-z0-9\-._~+/]{12,}=*)(?![A-Za-z0-9\-._~+/=])/gi;
// scheme://user:PASSWORD@host (user may be empty: redis://:pw@host). The password may itself contain '@'.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/?#@"'<>]*:)([^\s/?#"'<>]+)@/gi;
const AWS_SECRET_IN_TEXT = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const AWS_SECRET_CONTEXT = /secret|key|password|token|credential|aws/i;
// key=value, key = value, "key": value, key: value. A bare ':' needs a space after it so that policy
// actions (secretsmanager:GetSecretValue) and ARNs are not read as assignments.
const ASSIGNMENT_KEY = /(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9_.-]{0,63})(["']?)(\s*)(=|:)(?!\/\/)/g;

// A connection string (Server=x;User Id=y;Password=p w;) ends values at ';' and values may contain spaces.
const CONNECTION_STRING = /=[^;]*;\s*[A-Za-z][A-Za-z0-9 _]*=/;
const AUTH_SCHEME_WORD = /^(?:Bearer|Basic|Token|Digest)$/i;

/** Where a bare value starting at `start` ends. */
function bareValueEnd(text: string, start: number, connectionString: boolean): number {
  const stop = connectionString ? /[;\r\n]/ : /[\s,&;"'<>)}\]]/;
  let i = start;
  while (i < text.length && !stop.test(text[i])) i++;
  return i;
}

const skipBlanks = (text: string, i: number) => {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
};

/** The value after an assignment at `start`: [valueStart, valueEnd), quotes excluded; null when none. */
function assignedValue(text: string, start: number, sep: string): [number, number] | null {
  const i = skipBlanks(text, start);
  if (i >= text.length) return null;
  const open = text[i];
  const close = open === '"' || open === "'" ? open : open === '{' ? '}' : null;
  if (close) {
    const end = text.indexOf(close, i + 1);
    return end < 0 ? [i + 1, text.length] : [i + 1, end];
  }
  const connectionString = sep === '=' && CONNECTION_STRING.test(text);
  const end = bareValueEnd(text, i, connectionString);
  if (end <= i) return null;
  // "Authorization: Bearer xyz": the secret is the credential after the scheme, not the scheme.
  if (!connectionString && AUTH_SCHEME_WORD.test(text.slice(i, end))) {
    const j = skipBlanks(text, end);
    const credentialEnd = bareValueEnd(text, j, false);
    return credentialEnd > j && !MARKER_AT_START.test(text.slice(j)) ? [j, credentialEnd] : null;
  }
  return [i, end];
}

function redactAssignments(text: string, tally: RedactionTally): string {
  let out = '';
  let copied = 0;
  ASSIGNMENT_KEY.lastIndex = 0;
  for (let m = ASSIGNMENT_KEY.exec(text); m; m = ASSIGNMENT_KEY.exec(text)) {
    const [whole, key, quote, space, sep] = m;
    // "key: value" needs whitespace or a closing quote after the key; "key:value" is a policy action/ARN.
    const after = m.index + whole.length;
    const colonOk = sep === '=' || quote !== '' || space !== '' || /\s/.test(text[after] ?? '');
    const secrecy = keySecrecy(key);
    const span =
      colonOk && (secrecy === 'secret' || secrecy === 'maybe') ? assignedValue(text, after, sep) : null;
    if (!span) {
      ASSIGNMENT_KEY.lastIndex = m.index + key.length;
      continue;
    }
    const [vs, ve] = span;
    const value = text.slice(vs, ve);
    // "creds: db_password=x": the value is itself an assignment, judged by its own key.
    if (/^[A-Za-z_][A-Za-z0-9_.-]*\s*[=:]/.test(value)) {
      ASSIGNMENT_KEY.lastIndex = vs;
      continue;
    }
    ASSIGNMENT_KEY.lastIndex = ve;
    if (MARKER_AT_START.test(text.slice(vs)) || (secrecy === 'maybe' && !looksHighEntropy(value))) continue;
    out += text.slice(copied, vs) + tally.mark(value, 'secret-assignment');
    copied = ve;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function redactShapes(text: string, tally: RedactionTally): string {
  let out = text.replace(PEM_BLOCK, (m) => tally.mark(m, 'private-key'));
  out = out.replace(PEM_UNTERMINATED, (m) => tally.mark(m, 'private-key'));
  out = out.replace(JWT, (m) => tally.mark(m, 'jwt'));
  out = out.replace(AUTH_SCHEME, (m, scheme: string, space: string, token: string) =>
    // "Bearer responsibilities" is English; a token has a digit or a symbol.
    /[\d\-._~+/=]/.test(token) ? `${scheme}${space}${tally.mark(token, 'bearer-token')}` : m,
  );
  out = out.replace(
    URL_PASSWORD,
    (_m, head: string, pw: string) => `${head}${tally.mark(pw, 'url-password')}@`,
  );
  out = redactAssignments(out, tally);
  out = out.replace(AWS_SECRET_IN_TEXT, (m, offset: number, whole: string) =>
    looksLikeAwsSecretKey(m) && AWS_SECRET_CONTEXT.test(whole.slice(Math.max(0, offset - 40), offset))
      ? tally.mark(m, 'aws-secret-key')
      : m,
  );
  return out;
}

const PERCENT_ENCODED = /%[0-9A-Fa-f]{2}/;
const BASE64_TEXT = /^(?:[A-Za-z0-9+/]{4}){6,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Text of a base64 value when it decodes to readable UTF-8 (user data, encoded config), else null. */
function decodedBase64Text(s: string): string | null {
  if (!BASE64_TEXT.test(s)) return null;
  const text = Buffer.from(s, 'base64').toString('utf8');
  if (text.includes('\uFFFD')) return null;
  const printable = text.replace(/[^\x20-\x7E\t\r\n]/g, '').length;
  return printable / text.length >= 0.95 ? text : null;
}

/**
 * Redacts secret-shaped substrings of free text, keeping the rest. Percent-encoded text (IAM policy
 * documents) and base64 text are also checked decoded, so encoding cannot smuggle a secret through.
 */
export function redactText(text: string, tally: RedactionTally, depth = 0): string {
  if (depth < 2 && PERCENT_ENCODED.test(text) && !/\s/.test(text)) {
    let decoded: string | null = null;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      decoded = null; // not valid percent-encoding: scanned as it is below
    }
    if (decoded !== null && decoded !== text) {
      const inner = new RedactionTally();
      const redacted = redactText(decoded, inner, depth + 1);
      if (inner.count > 0) {
        tally.add(inner);
        return encodeURIComponent(redacted);
      }
    }
  }
  if (depth < 2) {
    const decoded = decodedBase64Text(text);
    if (decoded !== null) {
      const inner = new RedactionTally();
      redactText(decoded, inner, depth + 1);
      if (inner.count > 0) {
        // Re-encoding a partly redacted value would still be a secret-bearing blob to a reader; withhold it.
        for (const k of inner.kinds) tally.kinds.add(k);
        return tally.mark(text, 'encoded-secret');
      }
    }
  }
  return redactShapes(text, tally);
}

/** A string stored under a key of the given secrecy (or a whole name/message when no key applies). */
export function redactString(value: string, secrecy: KeySecrecy, tally: RedactionTally): string {
  if (value === '' || isRedactionMarker(value)) return value;
  if (secrecy === 'secret') return tally.mark(value, 'key-name');
  if (secrecy === 'maybe' && looksHighEntropy(value)) return tally.mark(value, 'high-entropy');
  if (secrecy !== 'known-plain' && looksLikeAwsSecretKey(value)) return tally.mark(value, 'aws-secret-key');
  return redactText(value, tally);
}
