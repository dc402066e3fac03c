import { useCallback, useEffect, useState } from 'preact/hooks';

/**
 * Loads something from the API when `key` changes; `reload()` after an action changed it; with `everyMs`, again
 * and again while the page is open (boards that stay on a screen).
 */
export function useLoad<T>(load: () => Promise<T>, key: string, everyMs?: number) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const run = useCallback(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  useEffect(run, [run]);
  useEffect(() => {
    if (!everyMs) return;
    const timer = setInterval(run, everyMs);
    return () => clearInterval(timer);
  }, [run, everyMs]);
  return { ...state, reload: run };
}
