// Framework catalogs (SOC 2 TSC 2017, PCI DSS v4.0.1, ISO/IEC 27001:2022 Annex A): every control of each
// framework, which of our checks evidence it and why, and what the analyst must attach by hand. They are JSON
// data read at run time from appRoot()/main/frameworks so a compliance lead can adjust mappings without a
// rebuild; because they are editable, every load is validated strictly and a typo in a check id, a mapping
// without a rationale or a control nobody can evidence fails loudly instead of silently leaving it untested.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ControlStatus, FrameworkId, canonicalFrameworkId } from '../../shared/domain';
import { allChecks } from '../checks/catalog';
import type { CheckCatalog, CheckDefinition } from '../checks/types';
import { appRoot } from '../paths';

/** Rationale given to a workspace's own mappings (checks/mappings.yaml), which carry none of their own. */
export const WORKSPACE_MAPPING_RATIONALE = "Mapped by this workspace's checks/mappings.yaml";

const MIN_RATIONALE = 20;

/** A check that evidences the control, and one line saying what its result shows for that control. */
const CheckMappingSchema = z
  .object({
    id: z.string().min(1),
    rationale: z
      .string()
      .trim()
      .min(MIN_RATIONALE, `needs a one-line rationale (${MIN_RATIONALE}+ characters)`),
  })
  .strict();

/**
 * Evidence the analyst attaches by hand. The id is stored (never derived from the list position) because
 * attachments and sign-offs refer to it: reordering or inserting requests must not re-point them.
 */
const ManualRequestSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9.]+-R\d+$/, 'must look like <control id>-R<n>, e.g. CC1.1-R1'),
    request: z.string().trim().min(1),
  })
  .strict();

/** How far the checks can test a control; stated in the file so a reviewer sees it, and verified here. */
export const Testability = z.enum(['automated', 'partial', 'manual']);
export type Testability = z.infer<typeof Testability>;

export function testabilityOf(control: { checks: unknown[]; manualEvidence: unknown[] }): Testability {
  if (control.checks.length === 0) return 'manual';
  return control.manualEvidence.length > 0 ? 'partial' : 'automated';
}

const FrameworkControlSchema = z
  .object({
    id: z.string().min(1),
    /** Our own short title: the standards' texts are copyrighted. */
    title: z.string().min(1),
    /** Our own one-sentence paraphrase of what the control expects. */
    description: z.string().min(1),
    family: z.string().min(1),
    testable: Testability,
    checks: z.array(CheckMappingSchema),
    manualEvidence: z.array(ManualRequestSchema),
  })
  .strict()
  .refine((c) => c.checks.length > 0 || c.manualEvidence.length > 0, {
    message: 'a control needs at least one check or one manual evidence request',
  })
  .refine((c) => c.testable === testabilityOf(c), {
    message:
      "testable must be 'automated' (checks only), 'partial' (checks and manual requests) or 'manual' (no checks)",
    path: ['testable'],
  });

/** The label each internal control status takes in the framework's own reporting language. */
const VocabularySchema = z
  .object(
    Object.fromEntries(ControlStatus.options.map((s) => [s, z.string().min(1)])) as Record<
      ControlStatus,
      z.ZodString
    >,
  )
  .strict();

const FrameworkSchema = z
  .object({
    id: FrameworkId,
    name: z.string().min(1),
    version: z.string().min(1),
    /** Retired ids that still mean this framework (shared/domain FRAMEWORK_ID_ALIASES is the one that acts). */
    aliases: z.array(z.string().min(1)).optional(),
    vocabulary: VocabularySchema,
    controls: z.array(FrameworkControlSchema).min(1),
  })
  .strict();

export type Framework = z.infer<typeof FrameworkSchema>;
export type FrameworkControl = z.infer<typeof FrameworkControlSchema>;
export type CheckMapping = z.infer<typeof CheckMappingSchema>;
export type ManualRequest = z.infer<typeof ManualRequestSchema>;

export class FrameworkCatalogError extends Error {}

export function frameworksDir(): string {
  return path.join(appRoot(), 'main', 'frameworks');
}

/** The ids of the checks mapped to a control, in catalog order. */
export function controlCheckIds(control: FrameworkControl): string[] {
  return control.checks.map((m) => m.id);
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

/** Reads and validates one framework file; `checks` is the catalog its check ids must exist in. */
export function loadFrameworkFile(file: string, checks: readonly CheckDefinition[] = allChecks): Framework {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new FrameworkCatalogError(`Framework catalog ${file} could not be read: ${(err as Error).message}`);
  }
  const parsed = FrameworkSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new FrameworkCatalogError(`Framework catalog ${file} is invalid: ${problems}`);
  }
  const framework = parsed.data;
  const fail = (message: string): never => {
    throw new FrameworkCatalogError(`Framework catalog ${file}: ${message}`);
  };
  for (const alias of framework.aliases ?? []) {
    if (canonicalFrameworkId(alias) !== framework.id)
      fail(`alias ${alias} is not registered for ${framework.id} in shared/domain.ts FRAMEWORK_ID_ALIASES`);
  }
  const twice = duplicates(framework.controls.map((c) => c.id));
  if (twice.length > 0) fail(`control ${twice.join(', ')} is listed twice`);
  const requestTwice = duplicates(framework.controls.flatMap((c) => c.manualEvidence.map((m) => m.id)));
  if (requestTwice.length > 0)
    fail(`manual evidence request id ${requestTwice.join(', ')} is used twice; request ids must be unique`);
  const known = new Set(checks.map((c) => c.id));
  for (const control of framework.controls) {
    const ids = controlCheckIds(control);
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      fail(
        `control ${control.id} references unknown check id(s) ${unknown.join(', ')}; ` +
          'fix the id or add the check file under main/checks/<provider>/<service>/',
      );
    }
    const mappedTwice = duplicates(ids);
    if (mappedTwice.length > 0) fail(`control ${control.id} maps check ${mappedTwice.join(', ')} twice`);
    const foreign = control.manualEvidence.filter((m) => !m.id.startsWith(`${control.id}-R`));
    if (foreign.length > 0)
      fail(
        `control ${control.id} has manual evidence request id(s) ${foreign.map((m) => m.id).join(', ')}; ` +
          `they must start with ${control.id}-R`,
      );
  }
  return framework;
}

/** Every framework we ship, in FrameworkId order (with the workspace's own mappings when a catalog is given). */
export function loadFrameworks(catalog?: CheckCatalog): Framework[] {
  return FrameworkId.options.map((id) => getFramework(id, catalog));
}

/**
 * One framework as shipped, plus the check -> control mappings of the workspace catalog (its mappings.yaml,
 * validated when the catalog was loaded), so custom checks count towards the controls they were mapped to.
 * Adding a check to a control that had none makes it 'partial': its manual requests still stand.
 */
export function getFramework(id: FrameworkId, catalog?: CheckCatalog): Framework {
  const framework = loadFrameworkFile(path.join(frameworksDir(), `${id}.json`));
  if (framework.id !== id) {
    throw new FrameworkCatalogError(
      `Framework catalog ${id}.json declares id ${framework.id}; the two must match`,
    );
  }
  if (!catalog) return framework;
  const extra = new Map<string, string[]>();
  for (const [checkId, byFramework] of catalog.mappings) {
    for (const controlId of byFramework[id] ?? [])
      extra.set(controlId, [...(extra.get(controlId) ?? []), checkId]);
  }
  return {
    ...framework,
    controls: framework.controls.map((c) => {
      const mapped = new Set(controlCheckIds(c));
      const added = (extra.get(c.id) ?? []).filter((checkId) => !mapped.has(checkId));
      if (added.length === 0) return c;
      const checks = [
        ...c.checks,
        ...added.map((checkId) => ({ id: checkId, rationale: WORKSPACE_MAPPING_RATIONALE })),
      ];
      return { ...c, checks, testable: testabilityOf({ checks, manualEvidence: c.manualEvidence }) };
    }),
  };
}
