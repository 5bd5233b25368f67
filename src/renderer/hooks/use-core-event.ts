import { useEffect, useRef } from 'preact/hooks';
import type { CoreEvent } from '../../shared/core-events.js';
import { useApp } from '../app-context.js';

/** Listen to the core's events for as long as the component is shown. */
export function useCoreEvent(listener: (event: CoreEvent) => void): void {
  const { api } = useApp();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => api.onEvent((event) => latest.current(event)), [api]);
}
