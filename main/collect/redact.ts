// Redaction of everything a collector records. Raw responses and resource configs end up in the snapshot,
// the evidence package and the auditor's hands, so a credential that slipped into an API response (an
// AssumeRole result, a database master password, a private key) must never reach them. We redact by key name
// rather than by guessing at values: key names are stable API contract, value shapes are not.
//
// The same pass turns SDK output into plain JSON (Dates -> ISO strings, bytes -> base64, no undefined, no
// $metadata) because the store hashes canonical JSON and an SDK object is not JSON.

export const REDACTED = '[REDACTED]';

// Compared against the key lower-cased with '_' and '-' removed, so SecretAccessKey, secret_access_key and
// secret-access-key all match.
const SECRET_SUFFIXES = [
  'password',
  'passwd',
  'passphrase',
  'privatekey',
  'sessiontoken',
  'securitytoken',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authtoken',
  'connectionstring',
];

/** True for a key whose value is a secret: *Secret*, *Password, *PrivateKey, *SessionToken... */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[_-]/g, '');
  if (k.includes('secret')) return true;
  return SECRET_SUFFIXES.some((s) => k.endsWith(s));
}

/**
 * A JSON-safe deep copy of `value` with secrets replaced by '[REDACTED]' and SDK response metadata
 * ($metadata: request ids, retry counts) dropped: it is transport detail, and it differs on every run.
 */
export function redact(value: unknown): unknown {
  return redactValue(value, new WeakSet());
}

/** redact() for the common case of an object (SDK output, request params). */
export function redactObject(value: object): Record<string, unknown> {
  const out = redact(value);
  return out && typeof out === 'object' && !Array.isArray(out) ? (out as Record<string, unknown>) : {};
}

function redactValue(value: unknown, seen: WeakSet<object>): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'object')
    return typeof value === 'function' || typeof value === 'symbol' ? null : value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => redactValue(v, seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === '$metadata' || v === undefined || typeof v === 'function') continue;
      // A boolean or number cannot carry a secret, and flags such as AllowUsersToChangePassword must stay
      // readable for the checks.
      const harmless = v === null || typeof v === 'boolean' || typeof v === 'number';
      out[k] = isSecretKey(k) && !harmless ? REDACTED : redactValue(v, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
