// SHA-256 over canonical JSON (RFC 8785): the same data always hashes the same, whatever key order it was
// built in, so an auditor can recompute any hash we record.
//
// Why a fast path beside the `canonicalize` package: every collected resource, raw response and finding is
// serialised on the ingest hot path, and the general canonicaliser (a Set of seen objects, an array of parts
// per object, a lone-surrogate scan of every string) costs several times a plain JSON.stringify. Plain JSON
// values (null, booleans, finite numbers, well-formed strings, arrays, plain objects) are emitted directly here
// with the exact rules `canonicalize` applies; anything else (toJSON, class instances, undefined at the top,
// lone surrogates, NaN, very deep or circular values) is handed to `canonicalize` itself, so the output, and
// every error, is byte-for-byte the package's (test/unit/canonical-json.test.ts).
import crypto from 'node:crypto';
import canonicalize from 'canonicalize';

export function sha256(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** Thrown inside the fast path when a value needs the general canonicaliser. */
const NOT_PLAIN: unique symbol = Symbol('not plain JSON');
/** Deeper than this is unusual for API responses; the general path also reports circular references. */
const MAX_FAST_DEPTH = 200;
const SURROGATE = /[\uD800-\uDFFF]/;

function wellFormed(s: string): boolean {
  // Most strings hold no surrogate at all: one regex test, and only a string holding one is walked.
  if (!SURROGATE.test(s)) return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

function emitString(s: string): string {
  if (!wellFormed(s)) throw NOT_PLAIN;
  // JSON.stringify escapes exactly the characters RFC 8785 escapes, with the same short forms.
  return JSON.stringify(s);
}

/**
 * Object keys repeat across rows (GroupId, IpPermissions, ...): their quoted form is kept rather than
 * re-checked and re-escaped each time. Bounded so hostile key variety cannot grow it without limit.
 */
const quotedKeys = new Map<string, string>();
const MAX_CACHED_KEYS = 4096;
function quoteKey(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = emitString(key);
    if (quotedKeys.size < MAX_CACHED_KEYS) quotedKeys.set(key, q);
  }
  return q;
}

function sortedKeys(obj: Record<string, unknown>): string[] {
  const keys = Object.keys(obj);
  // Collected configs usually arrive with keys in a stable order; sorting is skipped when already sorted.
  for (let i = 1; i < keys.length; i++) {
    // Default sort compares UTF-16 code units, which is the order RFC 8785 prescribes.
    if (keys[i - 1] > keys[i]) return keys.sort();
  }
  return keys;
}

function emit(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'string':
      return emitString(v);
    case 'number':
      if (!Number.isFinite(v)) throw NOT_PLAIN;
      // ES Number::toString is the RFC 8785 number format; JSON.stringify also turns -0 into 0.
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (v === null) return 'null';
  if (depth > MAX_FAST_DEPTH) throw NOT_PLAIN;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) throw NOT_PLAIN;
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ',';
      // A hole in a sparse array is written differently by canonicalize (as nothing): its path decides.
      if (!(i in v)) throw NOT_PLAIN;
      const item: unknown = v[i];
      // canonicalize writes undefined and symbols inside arrays as null, like JSON.stringify.
      out += item === undefined || typeof item === 'symbol' ? 'null' : emit(item, depth + 1);
    }
    return `${out}]`;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  const obj = v as Record<string, unknown>;
  if (typeof obj.toJSON === 'function') throw NOT_PLAIN;
  const keys = sortedKeys(obj);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = obj[key];
    if (item === undefined || typeof item === 'symbol') continue;
    if (!first) out += ',';
    first = false;
    out += `${quoteKey(key)}:${emit(item, depth + 1)}`;
  }
  return `${out}}`;
}

export function canonicalJson(value: unknown): string {
  try {
    return emit(value, 0);
  } catch (err) {
    if (err !== NOT_PLAIN) throw err;
  }
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be represented as JSON');
  return text;
}

export function sha256Json(value: unknown): string {
  return sha256(canonicalJson(value));
}
