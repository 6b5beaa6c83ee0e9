import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.js';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
}

/** The first thing to type in, else the first action: never the "×", which only closes. */
const FIRST_FIELD = '.dialog-body :is(input:not([type=hidden]), select, textarea):not(:disabled)';
const FIRST_ACTION = '.dialog-body :is(button, a[href]):not(:disabled)';

/**
 * A modal <dialog>: the browser keeps focus inside it and closes it on
 * Escape. It opens on its first field and, once closed, gives focus back to
 * what had it (the button that opened it).
 */
export function Dialog({ title, onClose, children, wide }: DialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (el && !el.open) el.showModal();
    (el?.querySelector<HTMLElement>(FIRST_FIELD) ?? el?.querySelector<HTMLElement>(FIRST_ACTION))?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className={`dialog ${wide ? 'wide' : ''}`} aria-label={title} onClose={onClose} onCancel={(e) => {
      e.preventDefault();
      onClose();
    }}>
      <header className="dialog-head">
        <h2>{title}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t.common.close} title={t.common.close}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
