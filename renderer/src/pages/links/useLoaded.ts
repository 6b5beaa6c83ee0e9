import { useEffect, useState } from 'react';
import { call } from '../../api/transport.js';
import type { ApiInput, ApiOperation, ApiOutputs } from '../../api/types.js';
import { drop } from '../../util/drop.js';

/** What a page shows of one read: loaded when the page (or its key) opens; an answer that arrives after the key changed is dropped. */
export function useLoaded<K extends ApiOperation>(op: K, input: ApiInput<K>, key: string): { value: ApiOutputs[K] | null; error: string | null } {
  const [state, setState] = useState<{ key: string; value: ApiOutputs[K] | null; error: string | null }>({ key, value: null, error: null });
  useEffect(() => {
    let live = true;
    setState({ key, value: null, error: null });
    drop(
      call(op, input).then((r) => {
        if (live) setState({ key, value: r.ok ? r.value : null, error: r.ok ? null : r.error.message });
      }),
    );
    return () => {
      live = false;
    };
    // The key says when the input changed; the input object itself is new on every render.
  }, [op, key]);
  return state.key === key ? { value: state.value, error: state.error } : { value: null, error: null };
}
