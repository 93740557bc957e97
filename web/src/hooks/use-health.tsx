// Polls GET /api/health and shares the result: ready, still indexing, index error, server down, or token needed.

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, type HealthResponse } from '../api.js';

export type HealthState =
  | { kind: 'checking' }
  | { kind: 'ready'; health: HealthResponse }
  | { kind: 'indexing'; health: HealthResponse }
  | { kind: 'error'; health: HealthResponse }
  | { kind: 'down'; detail: string }
  | { kind: 'unauthorized'; detail: string };

interface HealthContextValue {
  state: HealthState;
  /** The last health report that came through, kept while the server is briefly unreachable. */
  last: HealthResponse | null;
  /** Checks again now (after the user fixed something). */
  refresh(): void;
}

const HealthContext = createContext<HealthContextValue | null>(null);

/** Poll often while something is wrong (the user is waiting), rarely once all is well. */
const FAST_MS = 2_000;
const SLOW_MS = 20_000;

export function HealthProvider({ children, fetchHealth = api.health }: { children: ReactNode; fetchHealth?: typeof api.health }) {
  const [state, setState] = useState<HealthState>({ kind: 'checking' });
  const [last, setLast] = useState<HealthResponse | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let next: HealthState;
    (async () => {
      try {
        const health = await fetchHealth(controller.signal);
        setLast(health);
        next = health.ready ? { kind: 'ready', health } : health.status === 'error' ? { kind: 'error', health } : { kind: 'indexing', health };
      } catch (error) {
        if (controller.signal.aborted) return;
        const detail = (error as Error).message;
        next = error instanceof ApiError && error.status === 401 ? { kind: 'unauthorized', detail } : { kind: 'down', detail };
      }
      setState(next);
      timer.current = setTimeout(() => setTick((n) => n + 1), next.kind === 'ready' ? SLOW_MS : FAST_MS);
    })();
    return () => {
      controller.abort();
      clearTimeout(timer.current);
    };
  }, [tick, fetchHealth]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return <HealthContext.Provider value={{ state, last, refresh }}>{children}</HealthContext.Provider>;
}

export function useHealth(): HealthContextValue {
  const value = useContext(HealthContext);
  if (!value) throw new Error('useHealth must be used inside <HealthProvider>');
  return value;
}

/** What a screen waiting on the server should say it is waiting for (the banner explains what to do). */
export function waitingLabel(state: HealthState): 'waitingForIndex' | 'waitingForServer' | 'waitingIndexBroken' | 'loading' {
  if (state.kind === 'down' || state.kind === 'unauthorized') return 'waitingForServer';
  if (state.kind === 'error') return 'waitingIndexBroken';
  if (state.kind === 'indexing') return 'waitingForIndex';
  return 'loading';
}
