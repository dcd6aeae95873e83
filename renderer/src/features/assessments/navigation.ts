// Moving between top-level views from inside a feature (e.g. a control's check -> the Findings view). App.tsx
// provides it; views that do not need it never see it.
import { createContext, useContext } from 'react';

export type AppViewId =
  'assessments' | 'connections' | 'snapshots' | 'findings' | 'controls' | 'export' | 'settings';

export const NavigateContext = createContext<(view: AppViewId) => void>(() => {});

export function useNavigate(): (view: AppViewId) => void {
  return useContext(NavigateContext);
}
