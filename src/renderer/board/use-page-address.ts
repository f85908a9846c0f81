// The desktop app's laptop window reopens on the page it showed: the page on screen is kept in the
// address (?page=<id>, by replaceState: no navigation, no history entry), where the main process
// reads it when the window closes and passes it back as ?page= on the next start.
import { useEffect } from 'react';
import { useWallboard } from '../store';

export function usePageInAddress(enabled: boolean): void {
  const id = useWallboard((s) => s.board?.pages[s.rotation.index]?.id);
  useEffect(() => {
    if (!enabled || id === undefined) return;
    const u = new URL(window.location.href);
    if (u.searchParams.get('page') === id) return;
    u.searchParams.set('page', id);
    window.history.replaceState(window.history.state, '', `${u.pathname}${u.search}${u.hash}`);
  }, [enabled, id]);
}
