import { useCallback, useRef, useState } from 'react';
import type { ApiError, ApiResponse, ApiOperation, ApiOutputs } from '../api/types.js';
import { drop } from '../util/drop.js';

export type AsyncState<T> = { state: 'idle' } | { state: 'running' } | { state: 'done'; value: T } | { state: 'failed'; error: ApiError };

/**
 * One operation a dialog runs and shows the outcome of: idle, running, done
 * or failed. A result that arrives after the dialog started another run is
 * dropped.
 */
export function useOperation<K extends ApiOperation>(): [AsyncState<ApiOutputs[K]>, (work: () => Promise<ApiResponse<K>>) => void, () => void] {
  const [status, setStatus] = useState<AsyncState<ApiOutputs[K]>>({ state: 'idle' });
  const run = useRef(0);
  const start = useCallback((work: () => Promise<ApiResponse<K>>) => {
    const ticket = ++run.current;
    setStatus({ state: 'running' });
    drop(
      work().then((r) => {
        if (ticket === run.current) setStatus(r.ok ? { state: 'done', value: r.value } : { state: 'failed', error: r.error });
      }),
    );
  }, []);
  const reset = useCallback(() => {
    run.current++;
    setStatus({ state: 'idle' });
  }, []);
  return [status, start, reset];
}
