// Framework catalogs (SOC 2, PCI DSS 4.0, ISO 27001:2022): which of our checks test which control, and what
// evidence the analyst must attach by hand. They are JSON data read at run time from appRoot()/main/frameworks
// so a compliance lead can adjust mappings without a rebuild; because they are editable, every load is
// validated and a typo in a check id fails loudly instead of silently leaving a control untested.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FrameworkId } from '../../shared/domain';
import { allChecks } from '../checks/catalog';
import type { CheckCatalog, CheckDefinition } from '../checks/types';
import { appRoot } from '../paths';

const FrameworkControlSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    description: z.string().min(1),
    checks: z.array(z.string().min(1)),
    manualEvidence: z.array(z.string().min(1)),
  })
  .strict()
  .refine((c) => c.checks.length > 0 || c.manualEvidence.length > 0, {
    message: 'a control needs at least one check or one manual evidence request',
  });

const FrameworkSchema = z
  .object({
    id: FrameworkId,
    name: z.string().min(1),
    version: z.string().min(1),
    controls: z.array(FrameworkControlSchema).min(1),
  })
  .strict();

export type Framework = z.infer<typeof FrameworkSchema>;
export type FrameworkControl = z.infer<typeof FrameworkControlSchema>;

export class FrameworkCatalogError extends Error {}

export function frameworksDir(): string {
  return path.join(appRoot(), 'main', 'frameworks');
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
  const known = new Set(checks.map((c) => c.id));
  const seen = new Set<string>();
  for (const control of framework.controls) {
    if (seen.has(control.id)) {
      throw new FrameworkCatalogError(`Framework catalog ${file}: control ${control.id} is listed twice`);
    }
    seen.add(control.id);
    const unknown = control.checks.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new FrameworkCatalogError(
        `Framework catalog ${file}: control ${control.id} references unknown check id(s) ${unknown.join(', ')}; ` +
          'fix the id or add the check file under main/checks/<provider>/<service>/',
      );
    }
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
      const added = (extra.get(c.id) ?? []).filter((checkId) => !c.checks.includes(checkId));
      return added.length > 0 ? { ...c, checks: [...c.checks, ...added] } : c;
    }),
  };
}
