import { useState, type CSSProperties } from 'react';
import { useT } from '../i18n/i18n.js';

const KEY = 'exhibit.split';
const MIN = 20;
const MAX = 80;

function kept(): number {
  try {
    const n = Number(localStorage.getItem(KEY));
    return n >= MIN && n <= MAX ? n : 50;
  } catch {
    return 50;
  }
}

/** The share of the capture page the screenshot takes, in %, kept across visits. */
export function useSplit() {
  const [share, setShareState] = useState(kept);
  const setShare = (n: number) => {
    const v = Math.round(Math.min(MAX, Math.max(MIN, n)));
    setShareState(v);
    try {
      localStorage.setItem(KEY, String(v));
    } catch {
      // Storage refused: the choice lasts as long as the page.
    }
  };
  return { share, setShare, style: { gridTemplateColumns: `${share}% 8px minmax(0, 1fr)` } as CSSProperties };
}

/** The bar between the screenshot and the details: dragged, or moved with the arrow keys. */
export function SplitHandle({ share, setShare }: { share: number; setShare(n: number): void }) {
  const t = useT();
  return (
    <div
      className="split-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label={t.viewer.resize}
      aria-valuemin={MIN}
      aria-valuemax={MAX}
      aria-valuenow={share}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') setShare(share - 5);
        else if (e.key === 'ArrowRight') setShare(share + 5);
        else return;
        e.preventDefault();
      }}
      onPointerDown={(e) => {
        const parent = e.currentTarget.parentElement;
        if (!parent) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        const rect = parent.getBoundingClientRect();
        const move = (ev: PointerEvent) => setShare(((ev.clientX - rect.left) / rect.width) * 100);
        const up = () => {
          window.removeEventListener('pointermove', move);
          window.removeEventListener('pointerup', up);
        };
        window.addEventListener('pointermove', move);
        window.addEventListener('pointerup', up);
      }}
    />
  );
}
