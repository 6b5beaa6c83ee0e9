import type { ReactNode } from 'react';
import { hrefOf } from '../state/router.js';

/** A small button-like link to a capture's page: the evidence behind a line. */
export function CaptureLink({ id, title, children }: { id: string; title?: string; children: ReactNode }) {
  return (
    <a className="button-link small" href={hrefOf({ page: 'capture', id })} {...(title ? { title } : {})}>
      {children}
    </a>
  );
}
