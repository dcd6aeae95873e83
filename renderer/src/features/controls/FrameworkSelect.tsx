import type { FrameworkId } from '../../../../shared/domain';
import { FrameworkId as FrameworkIdSchema } from '../../../../shared/domain';
import { plural } from '../../lib/format';
import { useCall } from '../../lib/use-call';

/** Frameworks come from the core's catalog (names and versions), so the UI never hard-codes a list. */
export function FrameworkSelect(props: {
  value: FrameworkId;
  onChange: (id: FrameworkId) => void;
  testId?: string;
}) {
  const { data } = useCall('frameworks.list', {});
  return (
    <label className="inline-field">
      <span>Framework</span>
      <select
        data-testid={props.testId ?? 'framework-select'}
        value={props.value}
        onChange={(e) => {
          const parsed = FrameworkIdSchema.safeParse(e.target.value);
          if (parsed.success) props.onChange(parsed.data);
        }}
      >
        {(data ?? []).map((f) => (
          <option key={f.id} value={f.id}>
            {f.name} ({f.version}) · {plural(f.controlCount, 'control')}
          </option>
        ))}
        {!data ? <option value={props.value}>{props.value}</option> : null}
      </select>
    </label>
  );
}
