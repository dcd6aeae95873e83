// Sign-offs: a person signs, in their role, the evidence digest of one control (or '*': the whole framework)
// with their own Ed25519 key. Order is enforced on each chain (the sign-offs over one digest): preparer, then
// reviewer, then approver, and one person never holds two roles on a chain. When the digest recomputed now
// differs from the one signed (a new snapshot, an exception expired, a file added) the sign-off is stale and
// the chain starts again from the preparer.
import type { AssessmentRole, Person, SignOff } from '../../shared/domain';
import { RefusedError } from '../core/errors';
import type { Db } from '../store/db';
import { writeTransaction } from '../store/db';
import { canonicalJson } from '../util/hash';
import { auditAs } from './audit';
import type { AssessmentRecord } from './assessments-repo';
import type { AssessmentContext } from './context';
import { DIGEST_VERSION } from './evidence-digest';
import { loadPersonKey, signBytes, verifyBytes } from './person-keys';

export const ROLE_ORDER: readonly AssessmentRole[] = ['preparer', 'reviewer', 'approver'];

type Row = {
  id: number;
  assessment_id: string;
  framework: string;
  control_id: string;
  role: AssessmentRole;
  person_id: string;
  person_name: string;
  public_key_pem: string;
  signed_at: string;
  digest: string;
  signature: string;
};

/** Exactly what the signature covers: who, in which role, when, over which digest of which control. */
export function signedPayload(r: {
  assessmentId: string;
  framework: string;
  controlId: string;
  role: string;
  personId: string;
  signedAt: string;
  digest: string;
}): string {
  return canonicalJson({ v: DIGEST_VERSION, kind: 'signoff', ...r });
}

export type SignRequest = {
  assessment: AssessmentRecord;
  framework: string;
  controlId: string;
  role: AssessmentRole;
  passphrase?: string;
  /** The digest recomputed now, and the canonical JSON it was computed over (stored for the auditor). */
  digest: string;
  digestCanonical: string;
};

export function signOff(ctx: AssessmentContext, person: Person, req: SignRequest): SignOff {
  const { assessment, framework, controlId, role } = req;
  if (!assessment.people.some((p) => p.personId === person.id && p.role === role))
    throw new RefusedError(`${person.name} is not a ${role} of assessment "${assessment.name}".`);
  const chain = currentChain(ctx.db, assessment.id, framework, controlId, req.digest);
  const needed = ROLE_ORDER[ROLE_ORDER.indexOf(role) - 1];
  if (chain.some((s) => s.role === role))
    throw new RefusedError(`${controlId} is already signed by a ${role} over the current evidence.`);
  if (needed && !chain.some((s) => s.role === needed))
    throw new RefusedError(
      `The ${needed} signs ${controlId === '*' ? `the whole ${framework}` : controlId} before the ${role}` +
        ' (over the current evidence: an earlier sign-off may be stale).',
    );
  const other = chain.find((s) => s.person_id === person.id);
  if (other)
    throw new RefusedError(
      `${person.name} already signed ${controlId} as ${other.role}; one person cannot hold two roles on one sign-off.`,
    );
  const key = loadPersonKey(ctx.keyDir, person.id, req.passphrase);
  const signedAt = new Date().toISOString();
  const signature = signBytes(
    key,
    signedPayload({
      assessmentId: assessment.id,
      framework,
      controlId,
      role,
      personId: person.id,
      signedAt,
      digest: req.digest,
    }),
  );
  let id = 0;
  writeTransaction(ctx.db, 'Signing off', () => {
    id = Number(
      ctx.db
        .prepare(
          `INSERT INTO signoffs (assessment_id, framework, control_id, role, person_id, signed_at, digest, signature, digest_input)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          assessment.id,
          framework,
          controlId,
          role,
          person.id,
          signedAt,
          req.digest,
          signature,
          req.digestCanonical,
        ).lastInsertRowid,
    );
    auditAs(ctx, person, 'signoff.sign', `assessment:${assessment.id}`, {
      framework,
      controlId,
      role,
      digest: req.digest,
    });
  });
  const signed = listSignoffs(ctx.db, assessment.id, () => req.digest).find((s) => s.id === id);
  if (!signed) throw new Error('sign-off vanished after insert');
  return signed;
}

function currentChain(
  db: Db,
  assessmentId: string,
  framework: string,
  controlId: string,
  digest: string,
): Row[] {
  return db
    .prepare(
      `SELECT s.*, p.name AS person_name, p.public_key_pem FROM signoffs s JOIN people p ON p.id = s.person_id
       WHERE s.assessment_id = ? AND s.framework = ? AND s.control_id = ? AND s.digest = ? ORDER BY s.id`,
    )
    .all(assessmentId, framework, controlId, digest) as Row[];
}

/**
 * Every sign-off of the assessment (optionally of one framework), each verified: its signature against the
 * signer's public key, and its digest against `currentDigest(framework, controlId)` (null: unknown, stale).
 */
export function listSignoffs(
  db: Db,
  assessmentId: string,
  currentDigest: (framework: string, controlId: string) => string | null,
  framework?: string,
): SignOff[] {
  const rows = db
    .prepare(
      `SELECT s.*, p.name AS person_name, p.public_key_pem FROM signoffs s JOIN people p ON p.id = s.person_id
       WHERE s.assessment_id = @a AND (@f IS NULL OR s.framework = @f) ORDER BY s.id`,
    )
    .all({ a: assessmentId, f: framework ?? null }) as Row[];
  return rows.map((r) => ({
    id: r.id,
    assessmentId: r.assessment_id,
    framework: r.framework as SignOff['framework'],
    controlId: r.control_id,
    role: r.role,
    personId: r.person_id,
    personName: r.person_name,
    signedAt: r.signed_at,
    digest: r.digest,
    signatureValid: verifyBytes(
      r.public_key_pem,
      signedPayload({
        assessmentId: r.assessment_id,
        framework: r.framework,
        controlId: r.control_id,
        role: r.role,
        personId: r.person_id,
        signedAt: r.signed_at,
        digest: r.digest,
      }),
      r.signature,
    ),
    stale: currentDigest(r.framework, r.control_id) !== r.digest,
  }));
}

/** A sign-off holds when its signature verifies AND the evidence it signed is still the evidence now. */
export function signoffHolds(s: Pick<SignOff, 'signatureValid' | 'stale'>): boolean {
  return s.signatureValid && !s.stale;
}
