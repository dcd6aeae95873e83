// manifest.json of an assessment package (format evidence-desk-package/3, docs/package-format.md): the file
// list and signature rules of format 2, with every shipped snapshot (content, findings and schema hashes),
// every framework, the assessment (id, name, period, scope, the time it was judged at), the manual evidence
// files by hash, and one audit trail per entity the package is about.
import { z } from 'zod';
import { AssessmentScope, Provider } from '../../shared/domain';

export const ASSESSMENT_MANIFEST_FORMAT = 'evidence-desk-package/3';
/** The assessment's evidence model as exported: conclusions and digests per control, frameworks as used. */
export const ASSESSMENT_FILE = 'assessment/assessment.json';
export const ATTACHMENTS_DIR = 'attachments';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const AssessmentManifest = z.object({
  format: z.literal(ASSESSMENT_MANIFEST_FORMAT),
  generatedAt: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }),
  assessment: z.object({
    id: z.string(),
    name: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    scope: AssessmentScope,
    /** Conclusions, exception statuses and sign-off staleness are judged at this time. */
    asOf: z.string(),
    file: z.literal(ASSESSMENT_FILE),
  }),
  frameworks: z.array(z.object({ id: z.string(), name: z.string(), version: z.string() })).min(1),
  snapshots: z
    .array(
      z.object({
        id: z.string(),
        provider: z.string(),
        account: z.string().nullable(),
        connection: z.string(),
        contentSha256: Sha256Hex,
        contentHashRecipe: z.literal(2),
        evidenceDir: z.string(),
        evaluation: z.object({ id: z.string(), catalogVersion: z.string(), findingsSha256: Sha256Hex }),
      }),
    )
    .min(1),
  /** Schema hash of snapshot.sqlite (one file holds every snapshot). */
  schemaSha256: Sha256Hex,
  /** The check pack shipped under checks/ (its listing's SHA-256). */
  catalogVersion: z.string(),
  attachments: z.array(z.object({ path: z.string(), sha256: Sha256Hex, bytes: z.number().int() })),
  demo: z.boolean(),
  signingKeyFingerprint: z.string(),
  auditTrails: z.array(z.object({ file: z.string(), entity: z.string(), entries: z.number().int() })).min(1),
  checkpointHeadSeq: z.number().int(),
  files: z.array(
    z.object({ path: z.string().min(1), sha256: Sha256Hex, bytes: z.number().int().nonnegative() }),
  ),
});
export type AssessmentManifest = z.infer<typeof AssessmentManifest>;

/** assessment/assessment.json: what the package concluded, for verify to recompute from snapshot.sqlite. */
export const AssessmentFile = z.object({
  format: z.literal('evidence-desk-assessment/1'),
  assessmentId: z.string(),
  asOf: z.string(),
  /** The frameworks as used (with the workspace's custom mappings): verify re-derives conclusions from them. */
  frameworks: z.array(z.unknown()),
  /**
   * Service of each mapped check: collection gaps of a check's service make its controls incomplete. Provider and
   * resource type (since 0.1: absent from older packages, whose conclusions matched the service alone) add the
   * Azure ARM namespace an Azure gap is recorded under.
   */
  checkServices: z.array(
    z.object({
      id: z.string(),
      service: z.string(),
      provider: Provider.optional(),
      resourceType: z.string().optional(),
    }),
  ),
  controls: z.array(
    z.object({
      framework: z.string(),
      controlId: z.string(),
      status: z.string(),
      label: z.string(),
      conclusion: z.string(),
      digest: Sha256Hex,
    }),
  ),
  /** The whole framework's digest ('*' sign-offs sign it). */
  frameworkDigests: z.array(z.object({ framework: z.string(), digest: Sha256Hex })),
});
export type AssessmentFile = z.infer<typeof AssessmentFile>;
