// Warn before the page is left while something would be lost (a run under way, a trained model
// not yet saved): the browser's own "Leave site?" dialog, through a beforeunload listener that is
// present only while `active` is true (an idle page never asks).
import { useEffect } from 'preact/hooks';

export function useLeaveGuard(active: boolean): void {
  useEffect(() => {
    if (!active || typeof window === 'undefined') return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older Chromium versions need returnValue set to show the dialog.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active]);
}
