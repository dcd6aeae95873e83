// The handlers of the assessment calls in shared/api.ts (spread into main/api/handlers.ts). Requests arrive
// validated; each resolves the acting person, calls the core and lets it audit under that person.
import type { CallName, CallRequest, CallResponse } from '../../shared/api';
import { loadCheckCatalog } from '../checks/workspace-catalog';
import type { Workspace } from '../core/workspace';
import { getSetting, setSetting } from '../store/settings-repo';
import { attachSnapshot, createAssessment, getAssessmentRecord, updateAssessment } from './assessments-repo';
import {
  attachEvidence,
  listAttachments,
  MAX_INLINE_ATTACHMENT_BYTES,
  readEvidenceFile,
} from './attachments';
import { RefusedError } from '../core/errors';
import {
  decideException,
  listExceptions,
  renewException,
  requestException,
  revokeException,
  submitException,
} from './exceptions';
import { createPerson, listPeople, requirePerson } from './people';
import { signControl } from './service';
import { auditAs } from './audit';

type AssessmentCall =
  | 'people.list'
  | 'people.create'
  | 'assessments.list'
  | 'assessments.get'
  | 'assessments.create'
  | 'assessments.update'
  | 'assessments.attachSnapshot'
  | 'exceptions.list'
  | 'exceptions.request'
  | 'exceptions.submit'
  | 'exceptions.approve'
  | 'exceptions.reject'
  | 'exceptions.revoke'
  | 'exceptions.renew'
  | 'evidence.list'
  | 'evidence.attach'
  | 'controls.forAssessment'
  | 'signoffs.list'
  | 'signoffs.sign'
  | 'settings.exceptionMaxDays.get'
  | 'settings.exceptionMaxDays.set';

type Handlers = {
  [K in AssessmentCall & CallName]: (request: CallRequest<K>) => Promise<CallResponse<K>> | CallResponse<K>;
};

export function assessmentApi(ws: Workspace): Handlers {
  // The workspace's checks are re-read per call, as checks.list does: a custom check counts at once.
  const catalog = () => loadCheckCatalog(ws.dataDir);
  const person = (ref: string) => requirePerson(ws.db, ref);
  return {
    'people.list': () => listPeople(ws.db),
    'people.create': (input) => createPerson(ws, input),
    // Described on the query worker: an assessment every framework of which is approved is only signed off
    // while those approvals' digests still hold, which re-derives them from every finding in scope.
    'assessments.list': () => ws.queries.assessments(),
    'assessments.get': ({ assessmentId }) => ws.queries.assessment(assessmentId),
    'assessments.create': ({ actor, ...input }) =>
      ws.queries.assessment(createAssessment(ws, person(actor), input).id),
    'assessments.update': ({ actor, assessmentId, ...patch }) =>
      ws.queries.assessment(updateAssessment(ws, person(actor), assessmentId, patch).id),
    'assessments.attachSnapshot': ({ actor, assessmentId, snapshotId }) =>
      ws.queries.assessment(attachSnapshot(ws, person(actor), assessmentId, snapshotId).id),
    'exceptions.list': ({ exceptionId, checkId, status }) =>
      listExceptions(ws.db, { id: exceptionId, checkId, status }),
    'exceptions.request': ({ actor, ...input }) =>
      requestException(ws, person(actor), input, catalog().checks),
    'exceptions.submit': ({ actor, exceptionId }) => submitException(ws, person(actor), exceptionId),
    'exceptions.approve': ({ actor, exceptionId, note }) =>
      decideException(ws, person(actor), exceptionId, 'approved', note),
    'exceptions.reject': ({ actor, exceptionId, note }) =>
      decideException(ws, person(actor), exceptionId, 'rejected', note),
    'exceptions.revoke': ({ actor, exceptionId, note }) =>
      revokeException(ws, person(actor), exceptionId, note),
    'exceptions.renew': ({ actor, exceptionId, ...input }) =>
      renewException(ws, person(actor), exceptionId, input),
    'evidence.list': ({ assessmentId, requestId }) => {
      getAssessmentRecord(ws.db, assessmentId);
      return listAttachments(ws.db, assessmentId, requestId);
    },
    'evidence.attach': ({ actor, file, ...input }) => {
      const who = person(actor);
      let bytes: Buffer;
      let originalName: string;
      if (file.path !== undefined) {
        bytes = readEvidenceFile(file.path);
        originalName = file.path;
      } else {
        bytes = Buffer.from(file.base64 ?? '', 'base64');
        if (bytes.length > MAX_INLINE_ATTACHMENT_BYTES)
          throw new RefusedError(
            `Inline uploads are limited to ${MAX_INLINE_ATTACHMENT_BYTES} bytes; attach larger files by path.`,
          );
        originalName = file.name ?? 'unnamed';
      }
      return attachEvidence(ws, who, { ...input, bytes, originalName });
    },
    // On the query worker: every control's evidence digest is re-derived from the findings of every snapshot in
    // scope, seconds at a million findings, never on the thread that answers the UI.
    'controls.forAssessment': ({ assessmentId, framework }) =>
      ws.queries.assessmentControls(assessmentId, framework),
    'signoffs.list': ({ assessmentId, framework }) => ws.queries.assessmentSignoffs(assessmentId, framework),
    'signoffs.sign': ({ actor, ...input }) => signControl(ws, catalog(), person(actor), input),
    'settings.exceptionMaxDays.get': () => getSetting(ws.db, 'exceptionMaxDays'),
    'settings.exceptionMaxDays.set': (value) => {
      const before = getSetting(ws.db, 'exceptionMaxDays');
      const after = setSetting(ws.db, 'exceptionMaxDays', value, ws.actor);
      // Decides how long any later exception may run: who changed it, from what, is kept.
      auditAs(ws, null, 'settings.exceptionMaxDays', 'settings:exceptionMaxDays', { before, after });
      return after;
    },
  };
}
