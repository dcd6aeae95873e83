// Threat: a caller of the API (a compromised renderer over IPC, or a local process holding the browser-mode
// token) sends huge strings or arrays - an 800 KB "region name" was accepted - which the core then stores in
// the audit log, echoes in errors, or hands to the filesystem and the AWS SDK.
// Proves: generated from the contract itself (shared/api.ts), every string field of every call's request
// refuses an 800 KB value as too big and every array refuses 10,000 items, so a call or field added without a
// cap fails here; through the dispatcher the refusal is 'invalid-request' and does not echo the value back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callNames, calls, type CallName } from '../../shared/api';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { openWorkspace, type Workspace } from '../../main/core/workspace';

const HUGE = 'x'.repeat(800 * 1024);
const MANY = 10_000;

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
};

type Key = string | number;
type Leaf = { path: Key[]; kind: 'string' | 'array' };

/** Every string and array in a request schema, found by walking its JSON Schema (zod's own rendering). */
function leaves(schema: JsonSchema, at: Key[] = []): Leaf[] {
  const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alternatives) return alternatives.flatMap((s) => leaves(s, at));
  // A fixed set of values (an enum such as a framework id) is bounded by itself.
  if (schema.enum !== undefined || schema.const !== undefined) return [];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const found: Leaf[] = [];
  for (const type of types) {
    if (type === 'object') {
      // Unknown keys would be an unbounded way in: every request object must be strict.
      expect(schema.additionalProperties, `${at.join('.') || '(request)'} must be .strict()`).toBe(false);
      for (const [key, sub] of Object.entries(schema.properties ?? {}))
        found.push(...leaves(sub, [...at, key]));
    } else if (type === 'array') {
      found.push({ path: at, kind: 'array' });
      if (schema.items) found.push(...leaves(schema.items, [...at, 0]));
    } else if (type === 'string') {
      found.push({ path: at, kind: 'string' });
    } else if (!['boolean', 'number', 'integer', 'null'].includes(String(type))) {
      throw new Error(`cannot tell whether ${at.join('.')} is bounded: schema ${JSON.stringify(schema)}`);
    }
  }
  return found;
}

/** A request holding `value` at `at` (other fields absent: only the issue at that path is judged). */
function payloadWith(at: Key[], value: unknown): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at;
  if (typeof head === 'number') return [payloadWith(rest, value)];
  return { [head]: payloadWith(rest, value) };
}

const samePath = (a: readonly PropertyKey[], b: readonly Key[]) =>
  a.length === b.length && a.every((k, i) => k === b[i]);

function requestLeaves(name: CallName): Leaf[] {
  const schema = z.toJSONSchema(calls[name].request, { io: 'input', unrepresentable: 'throw' });
  return leaves(schema as JsonSchema);
}

describe('every request field of the contract is bounded', () => {
  const all = callNames.flatMap((name) => requestLeaves(name).map((leaf) => ({ name, ...leaf })));

  it('finds the fields it is meant to check (the walker is not vacuous)', () => {
    const described = all.map((l) => `${l.name}:${l.path.join('.')}`);
    console.log(`checked ${all.length} bounded fields:\n  ${described.join('\n  ')}`);
    expect(described).toEqual(
      expect.arrayContaining([
        'snapshots.start:regions',
        'snapshots.start:regions.0',
        'export.create:outputDir',
        'export.create:requestId',
        'export.verify:path',
        'export.cancel:requestId',
        'dialog.chooseFolder:title',
      ]),
    );
  });

  it.each(callNames)(
    '%s refuses an 800 KB string in every string field and 10,000 items in every array',
    (name) => {
      for (const leaf of requestLeaves(name)) {
        const value = leaf.kind === 'string' ? HUGE : Array.from({ length: MANY }, () => 'a');
        const parsed = calls[name].request.safeParse(payloadWith(leaf.path, value));
        expect(
          parsed.success,
          `${name} ${leaf.path.join('.')} accepted ${leaf.kind === 'string' ? 'an 800 KB string' : `${MANY} items`}`,
        ).toBe(false);
        const tooBig = parsed.error?.issues.some((i) => i.code === 'too_big' && samePath(i.path, leaf.path));
        expect(
          tooBig,
          `${name} ${leaf.path.join('.')} has no length cap (refused only for another reason)`,
        ).toBe(true);
      }
    },
  );
});

describe('the dispatcher refuses oversized fields without echoing them', () => {
  let dir: string;
  let ws: Workspace;
  let api: Dispatcher;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-api-bounds-'));
    ws = openWorkspace({ dataDir: dir, mode: 'browser' });
    api = createDispatcher(ws, { mode: 'browser' });
  });
  afterAll(() => {
    ws?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers invalid-request with a short message for every string field', async () => {
    const auditBefore = ws.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    for (const name of callNames) {
      for (const leaf of requestLeaves(name).filter((l) => l.kind === 'string')) {
        const r = await api.dispatch(name, payloadWith(leaf.path, HUGE));
        expect(r.ok, `${name} ${leaf.path.join('.')}`).toBe(false);
        if (r.ok) continue;
        expect(r.error.code).toBe('invalid-request');
        expect(r.error.message.length).toBeLessThan(2000);
        expect(r.error.message).not.toContain('x'.repeat(100));
      }
    }
    // Nothing refused reached the core, so nothing of it was logged either.
    expect(ws.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(auditBefore);
  });
});
