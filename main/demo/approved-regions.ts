// The demo organisation's own approved regions, used only while the workspace has none set, so a newcomer's
// demo shows both outcomes of the region checks (us-west-2 holds resources but is not approved). Sealed into
// the snapshot with this source named, so nobody mistakes it for the analyst's setting.
export const DEMO_APPROVED_REGIONS = {
  regions: ['eu-west-1', 'us-east-1'],
  source: 'demo default (the workspace has no approved regions set)',
};
