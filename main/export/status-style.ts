// How statuses look in the workbook and the report: a colour AND the status word, so a status is readable
// when printed in black and white or by a colour-blind reader.
import type { ControlStatus, FindingStatus } from '../../shared/domain';

export type StatusStyle = { label: string; fill: string; font: string };

const GREEN = { fill: 'C6EFCE', font: '006100' };
const LIGHT_GREEN = { fill: 'E2EFDA', font: '375623' };
const RED = { fill: 'FFC7CE', font: '9C0006' };
const AMBER = { fill: 'FFEB9C', font: '9C5700' };
const BLUE = { fill: 'DDEBF7', font: '1F4E78' };
const GREY = { fill: 'EDEDED', font: '404040' };

export const CONTROL_STATUS_STYLE: Record<ControlStatus, StatusStyle> = {
  effective: { label: 'Effective', ...GREEN },
  'effective-with-exceptions': { label: 'Effective with exceptions', ...LIGHT_GREEN },
  deficient: { label: 'Deficient', ...RED },
  incomplete: { label: 'Incomplete', ...AMBER },
  'awaiting-evidence': { label: 'Awaiting evidence', ...AMBER },
  manual: { label: 'Manual', ...BLUE },
  'not-applicable': { label: 'Not applicable', ...GREY },
};

export const FINDING_STATUS_STYLE: Record<FindingStatus, StatusStyle> = {
  pass: { label: 'Pass', ...GREEN },
  fail: { label: 'Fail', ...RED },
  error: { label: 'Error', ...AMBER },
  'n/a': { label: 'N/A', ...GREY },
};
