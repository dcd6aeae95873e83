// Every human action in an assessment goes into the workspace audit log under the PERSON who did it (their
// name, email and id), with the OS account the process ran as kept beside it: "alice signed" is the fact an
// auditor needs, "the laptop user was analyst" only supports it.
import { appendAudit } from '../evidence/audit-log';
import type { Person } from '../../shared/domain';
import type { AssessmentContext } from './context';

export function personActor(person: Pick<Person, 'id' | 'name' | 'email'>): string {
  return `${person.name} <${person.email}> (person:${person.id})`;
}

export function auditAs(
  ctx: AssessmentContext,
  person: Pick<Person, 'id' | 'name' | 'email'> | null,
  action: string,
  entity: string,
  details: Record<string, unknown> = {},
): void {
  appendAudit(ctx.db, {
    actor: person ? personActor(person) : ctx.actor,
    action,
    entity,
    details: { ...details, osUser: ctx.actor },
  });
}
