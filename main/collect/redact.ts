// Redaction of everything a collector records. Raw responses, resource configs, tags and names end up in the
// snapshot, the evidence package and the auditor's hands, so a credential that slipped into an API response
// (an AssumeRole result, a database password in a tag, a private key in a description) must never reach
// them. Secrets are found by key name and by value shape (main/collect/secret-shapes.ts); each is replaced by
// "[redacted: N chars]", and the caller learns how many values were withheld and of which kinds.
//
// The same pass turns SDK output into plain JSON (Dates -> ISO strings, bytes -> base64, no undefined, no
// $metadata) because the store hashes canonical JSON and an SDK object is not JSON.
import { keySecrecy, RedactionTally, redactString, redactText, type KeySecrecy } from './secret-shapes';

export {
  isRedactionMarker,
  isSecretKey,
  keySecrecy,
  redactionMarker,
  type KeySecrecy,
} from './secret-shapes';

export type RedactionReport = {
  value: unknown;
  /** Values withheld, including those an earlier pass withheld from objects passed in again. */
  count: number;
  /** Sorted kinds, e.g. ['jwt', 'key-name']. */
  kinds: string[];
};

// What an earlier pass withheld from each object it returned. Collectors redact SDK output (to get plain
// JSON) before handing it to the sink, which redacts again; without this the sink would see only markers
// and report nothing withheld. Only the returned object itself is remembered, not its children, so the
// same redaction is never credited twice.
const earlierPasses = new WeakMap<object, { count: number; kinds: readonly string[] }>();

/**
 * A JSON-safe deep copy of `value` with secrets replaced by markers, plus how many were withheld and of
 * which kinds. Idempotent: redacting the result again returns an equal value and the same count.
 */
export function redactWithReport(
  value: unknown,
  opts: {
    /**
     * The object's own keys are names a user chose (a tag map, env vars): a key such as "Name" or "Id"
     * then says nothing about its value, which is judged as free text.
     */
    userKeys?: boolean;
  } = {},
): RedactionReport {
  const tally = new RedactionTally();
  const out = walk(value, 'free', tally, new WeakSet(), opts.userKeys ?? false);
  const kinds = [...tally.kinds].sort();
  if (out !== null && typeof out === 'object') earlierPasses.set(out, { count: tally.count, kinds });
  return { value: out, count: tally.count, kinds };
}

/** A JSON-safe deep copy of `value` with secrets redacted and SDK $metadata dropped. */
export function redact(value: unknown): unknown {
  return redactWithReport(value).value;
}

/** redact() for the common case of an object (SDK output, request params). */
export function redactObject(value: object): Record<string, unknown> {
  const out = redact(value);
  return out && typeof out === 'object' && !Array.isArray(out) ? (out as Record<string, unknown>) : {};
}

// {Key, Value} / {Name, Value} pairs: tags, env vars, parameter lists, filters. Their value is judged by the
// pair's name, since the field holding it is always called "Value".
const PAIR_NAME_FIELDS = [
  'Key',
  'key',
  'Name',
  'name',
  'ParameterKey',
  'ParameterName',
  'OptionName',
  'AttributeName',
  'TagKey',
];
const PAIR_VALUE_FIELDS = [
  'Value',
  'value',
  'Values',
  'values',
  'ParameterValue',
  'OptionValue',
  'AttributeValue',
  'TagValue',
];

function pairSecrecy(obj: Record<string, unknown>): { valueField: string; secrecy: KeySecrecy } | null {
  const nameField = PAIR_NAME_FIELDS.find((f) => typeof obj[f] === 'string');
  const valueField = PAIR_VALUE_FIELDS.find((f) => f in obj);
  if (!nameField || !valueField) return null;
  const s = keySecrecy(obj[nameField] as string);
  // An innocuous pair name says nothing about the value ("Owner" can hold a pasted key): judge it as free text.
  return { valueField, secrecy: s === 'known-plain' ? 'free' : s };
}

// Key names repeat across every resource of a type (GroupId, IpPermissions, ...), and judging one is a pure
// function of its text, so the verdict is remembered: its secrecy, and whether redactText leaves it unchanged
// with nothing withheld. Keys that are redacted are never remembered as clean, so they are redacted and
// counted every time. Bounded, so a flood of distinct keys (tag maps) cannot grow it without limit.
const judgedKeys = new Map<string, { secrecy: KeySecrecy; clean: boolean }>();
const MAX_JUDGED_KEYS = 4096;
function judgeKey(k: string): { secrecy: KeySecrecy; clean: boolean } {
  let j = judgedKeys.get(k);
  if (!j) {
    const probe = new RedactionTally();
    j = { secrecy: keySecrecy(k), clean: redactText(k, probe) === k && probe.count === 0 };
    if (judgedKeys.size < MAX_JUDGED_KEYS) judgedKeys.set(k, j);
  }
  return j;
}

// Short values repeat across resources (tcp, 0.0.0.0/0, in-use, Enabled, region names) and judging one is a
// pure function of (value, secrecy): values found clean are remembered so the shape scan runs once per
// distinct value, not once per occurrence. Only clean verdicts are kept, so anything withheld is withheld and
// counted every time. Cleared when full, so it holds the values recently seen and never grows without limit.
const cleanValues: Record<KeySecrecy, Set<string>> = {
  secret: new Set(),
  maybe: new Set(),
  'known-plain': new Set(),
  free: new Set(),
};
const MAX_CLEAN_VALUES = 8192;
const MAX_REMEMBERED_LENGTH = 64;
function redactStringOnce(value: string, secrecy: KeySecrecy, tally: RedactionTally): string {
  if (value.length > MAX_REMEMBERED_LENGTH) return redactString(value, secrecy, tally);
  const clean = cleanValues[secrecy];
  if (clean.has(value)) return value;
  const before = tally.count;
  const out = redactString(value, secrecy, tally);
  if (out === value && tally.count === before) {
    if (clean.size >= MAX_CLEAN_VALUES) clean.clear();
    clean.add(value);
  }
  return out;
}

function walk(
  value: unknown,
  secrecy: KeySecrecy,
  tally: RedactionTally,
  seen: WeakSet<object>,
  userKeys = false,
): unknown {
  if (value === null || value === undefined) return null;
  // A boolean or number cannot carry a secret, and flags such as AllowUsersToChangePassword must stay
  // readable for the checks.
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return redactString(Buffer.from(value).toString('base64'), secrecy, tally);
  if (typeof value === 'string') return redactStringOnce(value, secrecy, tally);
  if (typeof value !== 'object') return null;
  if (seen.has(value)) return '[Circular]';
  const earlier = earlierPasses.get(value);
  if (earlier) tally.add(earlier);
  if (secrecy === 'secret' && Object.keys(value).length > 0) {
    // A secret-named structure (SecretString as JSON, Secrets: [...]) is withheld whole.
    const plain = JSON.stringify(walk(value, 'free', new RedactionTally(), seen)) ?? '';
    return tally.mark(plain, 'key-name');
  }
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => walk(v, secrecy, tally, seen));
    const obj = value as Record<string, unknown>;
    const pair = pairSecrecy(obj);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (k === '$metadata' || v === undefined || typeof v === 'function') continue;
      const { secrecy: named, clean } = judgeKey(k);
      const childSecrecy =
        pair && k === pair.valueField ? pair.secrecy : userKeys && named === 'known-plain' ? 'free' : named;
      // Keys are data too (a tag key can be a pasted token); only unambiguous shapes are looked for.
      const redactedKey = clean ? k : redactText(k, tally);
      let key = redactedKey;
      for (let n = 2; key !== k && key in out; n++) key = `${redactedKey} (${n})`;
      out[key] = walk(v, childSecrecy, tally, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
