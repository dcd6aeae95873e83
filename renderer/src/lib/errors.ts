// Failed calls surface in one banner at the top of the window rather than in scattered alerts, so the analyst
// sees the core's own (actionable) message and which action produced it.
import { createContext, useContext } from 'react';
import { ApiCallError } from './api';

export type ReportedError = { id: number; title: string; message: string; code: string | null };

export type ReportError = (err: unknown, action?: string) => void;

export const ReportErrorContext = createContext<ReportError>(() => {});

export function useReportError(): ReportError {
  return useContext(ReportErrorContext);
}

const ACTION_TITLES: Record<string, string> = {
  'app.info': 'Could not read app information',
  'connections.list': 'Could not list connections',
  'snapshots.list': 'Could not list snapshots',
  'snapshots.get': 'Could not open the snapshot',
  'snapshots.start': 'Could not start the snapshot',
  'snapshots.cancel': 'Could not cancel the snapshot',
  'checks.list': 'Could not load the check catalog',
  'findings.list': 'Could not load findings',
  'findings.query': 'Could not load findings',
  'frameworks.list': 'Could not load frameworks',
  'controls.list': 'Could not evaluate controls',
  'export.create': 'Export failed',
  'export.cancel': 'Could not cancel the export',
  'export.verify': 'Verification could not run',
  'dialog.chooseFolder': 'Could not open the folder picker',
  'audit.verify': 'Could not verify the audit log',
  'keys.list': 'Could not load the signing keys',
  'keys.trust': 'Could not add the trusted signer',
  'keys.withdraw': 'Could not withdraw trust',
  'connections.addEndpoint': 'Could not save the custom endpoint',
  'connections.removeEndpoint': 'Could not remove the custom endpoint',
  'runs.list': 'Could not list collection runs',
  'snapshots.running': 'Could not read the running snapshots',
  'settings.approvedRegions.get': 'Could not read the approved regions',
  'settings.approvedRegions.set': 'Could not save the approved regions',
  'people.list': 'Could not list people',
  'people.create': 'Could not add the person',
  'assessments.list': 'Could not list assessments',
  'assessments.get': 'Could not open the assessment',
  'assessments.create': 'Could not create the assessment',
  'assessments.update': 'Could not update the assessment',
  'assessments.attachSnapshot': 'Could not attach the snapshot',
  'exceptions.list': 'Could not list exceptions',
  'exceptions.request': 'Could not request the exception',
  'exceptions.submit': 'Could not submit the exception',
  'exceptions.approve': 'Could not approve the exception',
  'exceptions.reject': 'Could not reject the exception',
  'exceptions.revoke': 'Could not revoke the exception',
  'exceptions.renew': 'Could not renew the exception',
  'evidence.list': 'Could not list the evidence files',
  'evidence.attach': 'Could not attach the file',
  'controls.forAssessment': 'Could not evaluate the assessment controls',
  'signoffs.list': 'Could not list sign-offs',
  'signoffs.sign': 'Could not sign',
  'settings.exceptionMaxDays.get': 'Could not read the exception limits',
  'settings.exceptionMaxDays.set': 'Could not save the exception limits',
  'assessments.seedDemo': 'Could not create the demo assessment',
  'policy.get': 'Could not load the least-privilege policy',
  'audit.list': 'Could not load the audit log',
  'connections.setAzureCloud': 'Could not set the Azure cloud',
  'assessments.export': 'Could not export the assessment package',
};

let nextId = 1;

export function describeError(err: unknown, action?: string): ReportedError {
  const name = err instanceof ApiCallError ? err.call : action;
  const title = (name && ACTION_TITLES[name]) ?? 'Something went wrong';
  const message = err instanceof Error ? err.message : String(err);
  return { id: nextId++, title, message, code: err instanceof ApiCallError ? err.code : null };
}
