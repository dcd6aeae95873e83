// Marks a finding of one of the analyst's own checks (<workspace>/checks), so nobody mistakes it for a check
// shipped and maintained with the app; the workbook and report carry the same marker.
export function CustomCheckChip() {
  return (
    <span
      className="chip chip--info"
      data-testid="custom-check"
      title="Custom check from this workspace's checks folder"
    >
      custom
    </span>
  );
}
