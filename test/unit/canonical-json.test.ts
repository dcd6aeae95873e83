// canonicalJson's fast path and the row hashes of content-hash.ts must be byte-for-byte the `canonicalize`
// package (RFC 8785): every stored hash depends on them, and verify_snapshot.py recomputes those hashes with
// another implementation.
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { computeEvaluationHash, rawRowHash, resourceRowHash, rowHash } from '../../main/store/content-hash';
import { migrate } from '../../main/store/migrate';
import { canonicalJson, sha256 } from '../../main/util/hash';

/** canonicalize's answer, or the message it throws: the fast path must match both. */
function reference(value: unknown): string {
  try {
    const text = canonicalize(value);
    return text === undefined ? 'error: value cannot be represented as JSON' : text;
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}
function ours(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

// A small deterministic PRNG so a failure reproduces (seeded, not Math.random).
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1 + 0.2,
  1e21,
  1e-7,
  1e-6,
  123456789012345680000,
  5e-324,
  Number.MAX_VALUE,
  Number.MIN_SAFE_INTEGER,
  2 ** 53,
  1.5e300,
  -1e-300,
  333333333.3333333,
  Number('9007199254740993'),
];
const EDGE_STRINGS = [
  '',
  'plain',
  'quote " backslash \\ slash /',
  '\u0000\u0001\u001f\u007f',
  '\b\f\n\r\t',
  'é ü ß 中文 日本',
  '\u2028\u2029',
  '😀 astral \uD83D\uDE00',
  '\uFFFF',
  'ÿ',
  '€',
  'a\uD800',
  '\uDC00b',
  '\uD800\uD800',
];

function randomString(rnd: () => number): string {
  const pools = [
    () => String.fromCharCode(32 + Math.floor(rnd() * 95)),
    () => String.fromCharCode(Math.floor(rnd() * 32)),
    () => String.fromCharCode(0x80 + Math.floor(rnd() * 0x780)),
    () => String.fromCodePoint(0x10000 + Math.floor(rnd() * 0xfffff)),
    () => String.fromCharCode(0xd800 + Math.floor(rnd() * 0x800)), // lone surrogates, rarely
  ];
  let s = '';
  const n = Math.floor(rnd() * 8);
  for (let i = 0; i < n; i++) s += pools[Math.floor(rnd() * (rnd() < 0.97 ? 4 : 5))]();
  return s;
}

function randomValue(rnd: () => number, depth: number): unknown {
  const pick = Math.floor(rnd() * (depth > 4 ? 5 : 8));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return rnd() < 0.5;
    case 2: {
      const r = rnd();
      if (r < 0.3) return EDGE_NUMBERS[Math.floor(rnd() * EDGE_NUMBERS.length)];
      if (r < 0.6) return Math.floor((rnd() - 0.5) * 2 ** 40);
      return (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20);
    }
    case 3:
      return EDGE_STRINGS[Math.floor(rnd() * EDGE_STRINGS.length)];
    case 4:
      return randomString(rnd);
    case 5:
    case 6: {
      const o: Record<string, unknown> = {};
      const n = Math.floor(rnd() * 6);
      for (let i = 0; i < n; i++)
        o[rnd() < 0.2 ? String(Math.floor(rnd() * 20)) : randomString(rnd)] = randomValue(rnd, depth + 1);
      if (rnd() < 0.05) o.skipped = undefined;
      return o;
    }
    default:
      return Array.from({ length: Math.floor(rnd() * 5) }, () => randomValue(rnd, depth + 1));
  }
}

describe('canonicalJson (fast path) equals canonicalize byte for byte', () => {
  it('on 20,000 random nested values with unicode, edge numbers and lone surrogates', () => {
    const rnd = mulberry32(8785);
    let errors = 0;
    for (let i = 0; i < 20_000; i++) {
      const v = randomValue(rnd, 0);
      const want = reference(v);
      if (want.startsWith('error:')) errors++;
      expect(ours(v), JSON.stringify(v)).toBe(want);
    }
    // The generator must reach the refusal paths too, or the comparison proves less than it claims.
    expect(errors).toBeGreaterThan(10);
  });

  it('on edge numbers: 1e21, -0, 0.1+0.2, 5e-324, 2**53', () => {
    for (const n of EDGE_NUMBERS) expect(ours(n)).toBe(reference(n));
    expect(ours({ a: -0, b: 1e21, c: 0.1 + 0.2 })).toBe('{"a":0,"b":1e+21,"c":0.30000000000000004}');
  });

  it('orders keys by UTF-16 code units, not code points or locale', () => {
    const v = { '\uFB33': 1, '\uD83D\uDE00': 2, é: 3, Z: 4, a: 5, '1': 6, '10': 7, '': 8 };
    expect(ours(v)).toBe(reference(v));
    expect(ours(v)).toBe('{"":8,"1":6,"10":7,"Z":4,"a":5,"\u00e9":3,"\uD83D\uDE00":2,"\uFB33":1}');
  });

  it('hands non-plain values to canonicalize: toJSON, Date, class instances, sparse arrays', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const cases: unknown[] = [
      new Date(0),
      { when: new Date(86_400_000), n: [1, undefined, 2] },
      { toJSON: () => ({ b: 1, a: 2 }) },
      new Point(1, 2),
      Object.assign(Object.create(null) as object, { b: 1, a: [] }),
      [[[[[]]]]],
      // eslint-disable-next-line no-sparse-arrays -- a hole is exactly the case under test
      [1, , 2],
      { a: NaN },
      { a: Infinity },
      undefined,
      Buffer.from('hi'),
    ];
    for (const c of cases) expect(ours(c)).toBe(reference(c));
  });

  it('refuses a circular value with canonicalize’s message, and handles very deep values', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(ours(loop)).toBe(reference(loop));
    expect(ours(loop)).toMatch(/Circular reference/);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 500; i++) deep = { d: deep };
    expect(ours(deep)).toBe(reference(deep));
  });
});

describe('row hashes (content-hash.ts) are SHA-256 of the canonical JSON of the row', () => {
  it('on random flat rows of strings, safe integers, booleans and null, in any key order', () => {
    const rnd = mulberry32(20260);
    for (let i = 0; i < 5_000; i++) {
      const row: Record<string, string | number | boolean | null> = {};
      const n = 1 + Math.floor(rnd() * 9);
      for (let k = 0; k < n; k++) {
        const key =
          rnd() < 0.3 ? randomString(rnd).replace(/[\uD800-\uDFFF]/g, 'x') : `col_${Math.floor(rnd() * 12)}`;
        const pick = rnd();
        row[key] =
          pick < 0.5
            ? randomString(rnd).replace(/[\uD800-\uDFFF]/g, 'y')
            : pick < 0.7
              ? Math.floor((rnd() - 0.5) * 2 ** 50)
              : pick < 0.85
                ? rnd() < 0.5
                : null;
      }
      expect(rowHash(row), JSON.stringify(row)).toBe(sha256(canonicalize(row) as string));
    }
  });

  it('resourceRowHash and rawRowHash equal SHA-256 of canonicalize over the documented columns', () => {
    const rnd = mulberry32(7);
    const text = () => randomString(rnd).replace(/[\uD800-\uDFFF]/g, 'q');
    for (let i = 0; i < 2_000; i++) {
      const r = {
        uid: `arn:${text()}`,
        provider: 'aws',
        service: text(),
        type: text(),
        region: text(),
        name: text(),
        tags: canonicalJson({ [text()]: text() }),
        config: ours(randomValue(rnd, 0)).replace(/^error:.*/, '{}'),
      };
      expect(resourceRowHash(r)).toBe(sha256(canonicalize(r) as string));
      const raw = {
        seq: Math.floor(rnd() * 1e9),
        service: text(),
        region: text(),
        operation: text(),
        params: canonicalJson({ p: text() }),
        response: canonicalJson({ r: text() }),
      };
      expect(rawRowHash(raw)).toBe(sha256(canonicalize(raw) as string));
    }
  });

  it('refuses a number it could not hash the same way everywhere', () => {
    expect(() => rowHash({ a: 0.5 })).toThrow(/only integers are hashed as numbers/);
    expect(() => rowHash({ a: 2 ** 53 })).toThrow(/only integers/);
  });
});

describe('the evaluation hash (computeEvaluationHash) follows the documented recipe', () => {
  it('equals SHA-256 over the tagged lines of canonicalize(row) hashes, with unicode and quotes in findings', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare(
      `INSERT INTO snapshots (id, connection, provider, started_at, status, tool_version, catalog_version)
       VALUES ('s', 'c', 'aws', 'now', 'running', 't', 'v')`,
    ).run();
    db.prepare(
      `INSERT INTO evaluations (id, snapshot_id, catalog_version, evaluated_at) VALUES ('e', 's', 'v', 'now')`,
    ).run();
    const rnd = mulberry32(42);
    const ins = db.prepare(
      `INSERT INTO findings (evaluation_id, snapshot_id, check_id, resource_uid, status, reason, evidence)
       VALUES ('e', 's', ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < 300; i++) {
      const clean = (s: string) => s.replace(/[\uD800-\uDFFF]/g, 'z');
      ins.run(
        `check_${i % 7}`,
        `arn:${i}:${clean(randomString(rnd))}`,
        ['pass', 'fail', 'error', 'n/a'][i % 4],
        `reason "${clean(randomString(rnd))}" \\ é 😀`,
        JSON.stringify({ n: i, s: clean(randomString(rnd)) }),
      );
    }
    const lines = ['evidence-desk-evaluation/1'];
    lines.push(
      `evaluation ${sha256(canonicalize({ id: 'e', snapshot_id: 's', catalog_version: 'v', evaluated_at: 'now' }) as string)}`,
    );
    for (const f of db
      .prepare(
        `SELECT check_id, resource_uid, status, reason, evidence FROM findings WHERE evaluation_id = 'e'
         ORDER BY check_id, resource_uid`,
      )
      .all()) {
      lines.push(`finding ${sha256(canonicalize(f) as string)}`);
    }
    expect(computeEvaluationHash(db, 'e')).toBe(sha256(lines.map((l) => `${l}\n`).join('')));
    db.close();
  });
});
