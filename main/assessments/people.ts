// People who prepare, review, approve, request and decide. Adding a person creates their signing key
// (person-keys.ts); people are never edited or removed, because sign-offs name them and their keys.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import type { Person } from '../../shared/domain';
import { NotFoundError, RefusedError } from '../core/errors';
import { groupFingerprint } from '../evidence/signing-key';
import type { Db } from '../store/db';
import { writeTransaction } from '../store/db';
import { auditAs } from './audit';
import type { AssessmentContext } from './context';
import { createPersonKey, personKeyFile } from './person-keys';

type PersonRow = {
  id: string;
  name: string;
  email: string;
  public_key_pem: string;
  fingerprint: string;
  key_encrypted: number;
  created_at: string;
  created_by: string;
};

const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  name: r.name,
  email: r.email,
  fingerprint: groupFingerprint(r.fingerprint),
  publicKeyPem: r.public_key_pem,
  keyEncrypted: r.key_encrypted === 1,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

const Email = z.email();

export function createPerson(
  ctx: AssessmentContext,
  input: { name: string; email: string; passphrase?: string },
): Person {
  const name = input.name.trim();
  const email = input.email.trim();
  if (!name) throw new RefusedError('A person needs a name.');
  if (!Email.safeParse(email).success) throw new RefusedError(`"${email}" is not an email address.`);
  if (ctx.db.prepare('SELECT 1 FROM people WHERE email = ?').get(email))
    throw new RefusedError(`A person with email ${email} already exists in this workspace.`);
  const id = crypto.randomUUID();
  const key = createPersonKey(ctx.keyDir, id, input.passphrase);
  const row: PersonRow = {
    id,
    name,
    email,
    public_key_pem: key.publicKeyPem,
    fingerprint: key.fingerprint,
    key_encrypted: key.encrypted ? 1 : 0,
    created_at: new Date().toISOString(),
    created_by: ctx.actor,
  };
  try {
    writeTransaction(ctx.db, 'Adding a person', () => {
      ctx.db
        .prepare(
          `INSERT INTO people (id, name, email, public_key_pem, fingerprint, key_encrypted, created_at, created_by)
           VALUES (@id, @name, @email, @public_key_pem, @fingerprint, @key_encrypted, @created_at, @created_by)`,
        )
        .run(row);
      auditAs(ctx, null, 'person.create', `person:${id}`, {
        name,
        email,
        fingerprint: key.fingerprint,
        keyEncrypted: key.encrypted,
      });
    });
  } catch (err) {
    // No row, no key: a key file nobody is recorded for would be an orphan signing capability.
    fs.rmSync(personKeyFile(ctx.keyDir, id), { force: true });
    throw err;
  }
  return toPerson(row);
}

export function listPeople(db: Db): Person[] {
  return (db.prepare('SELECT * FROM people ORDER BY name, email').all() as PersonRow[]).map(toPerson);
}

/** A person by id or email (the CLI takes either). */
export function findPerson(db: Db, ref: string): Person | null {
  const row = db.prepare('SELECT * FROM people WHERE id = ? OR email = ?').get(ref, ref) as
    PersonRow | undefined;
  return row ? toPerson(row) : null;
}

export function requirePerson(db: Db, ref: string): Person {
  const p = findPerson(db, ref);
  if (!p) throw new NotFoundError(`No person ${ref} in this workspace; add them first (person add).`);
  return p;
}
