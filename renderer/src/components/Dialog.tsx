import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.js';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
}

/** A modal <dialog>: the browser keeps focus inside it and closes it on Escape. */
export function Dialog({ title, onClose, children, wide }: DialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
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
