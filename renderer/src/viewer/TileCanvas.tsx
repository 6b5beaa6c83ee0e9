import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { tileUrl } from '../api/transport.js';
import type { DiffRegion, ScreenshotLayout } from '../api/types.js';
import { tilesInView } from './tiles.js';

export interface CanvasHandle {
  box(): HTMLDivElement | null;
}

interface Props {
  captureId: string;
  layout: ScreenshotLayout;
  zoom: number;
  label: string;
  /** changed areas to outline, in page px */
  regions?: readonly DiffRegion[];
  onKeyDown?(e: KeyboardEvent<HTMLDivElement>): void;
  onScroll?(box: HTMLDivElement): void;
  children?: ReactNode;
}

/**
 * A screenshot shown as tiles: only those in view (and a screen around)
 * are in the page, at the level the zoom needs, so a 60,000 px page is
 * never loaded whole. The box scrolls; the zoomed page is its content.
 */
export const TileCanvas = forwardRef<CanvasHandle, Props>(function TileCanvas({ captureId, layout, zoom, label, regions, onKeyDown, onScroll, children }, ref) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ left: 0, top: 0, width: 800, height: 600 });
  useImperativeHandle(ref, () => ({ box: () => box.current }), []);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const read = () => setView({ left: el.scrollLeft, top: el.scrollTop, width: el.clientWidth, height: el.clientHeight });
    read();
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const tiles = tilesInView(layout, zoom, view);
  return (
    <div
      ref={box}
      className="tile-box"
      tabIndex={0}
      role="img"
      aria-label={label}
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        const el = e.currentTarget;
        setView({ left: el.scrollLeft, top: el.scrollTop, width: el.clientWidth, height: el.clientHeight });
        onScroll?.(el);
      }}
    >
      <div className="tile-page" style={{ width: Math.round(layout.width * zoom), height: Math.round(layout.height * zoom) }}>
        {tiles.map((t) => (
          <img
            key={t.key}
            src={tileUrl(captureId, t.strip, t.level, t.col, t.row)}
            alt=""
            draggable={false}
            decoding="async"
            data-tile={t.key}
            style={{ left: t.left, top: t.top, width: t.width, height: t.height }}
          />
        ))}
        {regions?.map((r, i) => (
          <div key={i} className="diff-region" style={{ left: r.x * zoom, top: r.y * zoom, width: Math.max(2, r.width * zoom), height: Math.max(2, r.height * zoom) }} />
        ))}
        {children}
      </div>
    </div>
  );
});
