import type { ReactNode } from 'react';

/** What to show instead of a blank pane: what is missing and what to do about it. */
export function EmptyState(props: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={props.testId}>
      <p className="empty-state__title">{props.title}</p>
      {props.children ? <div className="empty-state__body">{props.children}</div> : null}
    </div>
  );
}
