// Key fingerprints are compared by people, often over the phone: "is yours 3f2a 91c0 ...?". So they are always
// shown the same way everywhere: lower-case hex in groups of four, eight groups to a line.
import { Fragment } from 'react';

/** Any way a fingerprint is written (grouped, colon-separated, upper case) as groups of four hex digits. */
export function groupFingerprint(text: string): string {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

export function Fingerprint(props: { value: string; large?: boolean; testId?: string }) {
  const groups = groupFingerprint(props.value).split(' ');
  // Two explicit lines rather than letting the browser wrap: a narrow table column must not split it 5/5/5/1.
  const lines = [groups.slice(0, 8).join(' '), groups.slice(8).join(' ')].filter(Boolean);
  return (
    <span
      className={`fingerprint${props.large ? ' fingerprint--large' : ''}`}
      data-testid={props.testId}
      data-fingerprint={groups.join('')}
    >
      {lines.map((line, i) => (
        // The space between the lines keeps the copied or read text one fingerprint; between blocks it is not drawn.
        <Fragment key={i}>
          {i > 0 ? ' ' : null}
          <span className="fingerprint__line">{line}</span>
        </Fragment>
      ))}
    </span>
  );
}
