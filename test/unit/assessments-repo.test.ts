// Assessments and people as records: validation of the period and frameworks, edits audited with before and
// after under the acting person, people unique by email with their own key file.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAssessment, updateAssessment } from '../../main/assessments/assessments-repo';
import { personKeyFile } from '../../main/assessments/person-keys';
import { createPerson, findPerson } from '../../main/assessments/people';
import type { Person } from '../../shared/domain';
import { makeAssessmentFixture, type AssessmentFixture } from '../helpers/assessments-fixture';

let fx: AssessmentFixture;
let alice: Person;
beforeEach(() => {
  fx = makeAssessmentFixture();
  alice = fx.person('Alice');
});
afterEach(() => fx.close());

const create = (over: Partial<Parameters<typeof createAssessment>[2]> = {}) =>
  createAssessment(fx, alice, {
    name: 'PCI ROC 2026',
    frameworks: ['pci-dss-4.0.1'],
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
    ...over,
  });

describe('assessments and people', () => {
  it('refuses a period ending before it starts, a non-date, no framework and a framework twice', () => {
    expect(() => create({ periodEnd: '2025-12-31' })).toThrow(/ends \(2025-12-31\) before it starts/);
    expect(() => create({ periodStart: 'last week' })).toThrow(/not a date/);
    expect(() => create({ frameworks: [] })).toThrow(/at least one framework/);
    expect(() => create({ frameworks: ['soc2-2017', 'soc2-2017'] })).toThrow(/listed twice/);
    expect(create({ periodEnd: '2026-01-01' })).toMatchObject({
      periodStart: '2026-01-01',
      periodEnd: '2026-01-01',
    });
  });

  it('audits an edit with what changed, before and after, under the acting person', () => {
    const bob = fx.person('Bob');
    const a = create({ people: [{ person: alice.id, role: 'preparer' }] });
    const updated = updateAssessment(fx, bob, a.id, {
      scope: { tag: { key: 'pci', value: 'cde' } },
      people: [
        { person: alice.email, role: 'preparer' },
        { person: bob.id, role: 'reviewer' },
      ],
    });
    expect(updated.scope.tag).toEqual({ key: 'pci', value: 'cde' });
    expect(updated.people.map((p) => [p.name, p.role])).toEqual([
      ['Alice', 'preparer'],
      ['Bob', 'reviewer'],
    ]);
    const entry = fx.db
      .prepare("SELECT actor, details FROM audit_log WHERE action = 'assessment.update'")
      .get() as { actor: string; details: string };
    expect(entry.actor).toBe(`Bob <${bob.email}> (person:${bob.id})`);
    const details = JSON.parse(entry.details) as {
      changed: Record<string, { before: unknown; after: unknown }>;
    };
    expect(Object.keys(details.changed).sort()).toEqual(['people', 'scope']);
    expect(details.changed.scope.before).toMatchObject({ tag: null });
  });

  it('keeps people unique by email (any case) and finds them by id or email', () => {
    expect(() => createPerson(fx, { name: 'Alias', email: alice.email.toUpperCase() })).toThrow(
      /already exists/,
    );
    expect(() => createPerson(fx, { name: 'Nobody', email: 'not-an-email' })).toThrow(/not an email/);
    expect(() => createPerson(fx, { name: 'Short', email: 's@example.test', passphrase: 'short' })).toThrow(
      /at least 8 characters/,
    );
    expect(findPerson(fx.db, alice.email)?.id).toBe(alice.id);
    expect(findPerson(fx.db, alice.id)?.email).toBe(alice.email);
    expect(fs.readFileSync(personKeyFile(fx.keyDir, alice.id), 'utf8')).toMatch(
      /^-----BEGIN PRIVATE KEY-----/,
    );
    expect(alice.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  });
});
