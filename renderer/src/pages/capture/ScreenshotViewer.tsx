import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { call } from '../../api/transport.js';
import type { ScreenshotComparison, ScreenshotLayout } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { drop } from '../../util/drop.js';
import { TileCanvas, type CanvasHandle } from '../../viewer/TileCanvas.js';
import { MAX_ZOOM, MIN_ZOOM, stepZoom } from '../../viewer/tiles.js';

type Mode = 'fit-width' | 'fit-height' | 'manual';
const PAN = 80;

/**
 * The full page as captured, in tiles: fitted to the width by default,
 * zoomed in steps, to its height or to 100%, panned with the keyboard,
 * and enlarged to the whole window. Compared with another capture of the
 * listing, the changed areas are outlined.
 */
export function ScreenshotViewer({ captureId, tiles, compareWith }: { captureId: string; tiles: string[]; compareWith?: { id: string; label: string }[] }) {
  const t = useT();
  const v = t.viewer;
  const [layout, setLayout] = useState<ScreenshotLayout | null>(null);
  const [mode, setMode] = useState<Mode>('fit-width');
  const [zoom, setZoom] = useState(0.5);
  const [full, setFull] = useState(false);
  const [other, setOther] = useState('');
  const [comparison, setComparison] = useState<ScreenshotComparison | null>(null);
  const [comparing, setComparing] = useState(false);
  const [sideBySide, setSideBySide] = useState(false);
  const earlier = useRef<CanvasHandle>(null);
  const canvas = useRef<CanvasHandle>(null);
  const section = useRef<HTMLElement>(null);

  useEffect(() => {
    setLayout(null);
    drop(call('captures.screenshot', { id: captureId }).then((r) => setLayout(r.ok ? r.value : null)));
  }, [captureId]);

  useEffect(() => {
    setComparison(null);
    if (!other) return;
    setComparing(true);
    drop(
      call('captures.compare', { before: other, after: captureId }).then((r) => {
        setComparing(false);
        setComparison(r.ok ? r.value : null);
      }),
    );
  }, [other, captureId]);

  const paired = sideBySide && comparison !== null && other !== '';
  const fit = useCallback(
    (m: Mode) => {
      const box = canvas.current?.box();
      if (!box || !layout) return;
      if (m === 'fit-width') setZoom(Math.max(MIN_ZOOM, box.clientWidth / layout.width));
      if (m === 'fit-height') setZoom(Math.max(MIN_ZOOM, box.clientHeight / layout.height));
    },
    [layout],
  );
  useLayoutEffect(() => {
    if (mode !== 'manual') fit(mode);
    const box = canvas.current?.box();
    if (!box || mode === 'manual') return;
    const observer = new ResizeObserver(() => fit(mode));
    observer.observe(box);
    return () => observer.disconnect();
  }, [mode, fit, full, paired]);

  /** Zooms keeping the point at the centre of the view where it is. */
  const zoomTo = (next: number) => {
    const box = canvas.current?.box();
    const z = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, next));
    setMode('manual');
    if (box) {
      const cx = (box.scrollLeft + box.clientWidth / 2) / zoom;
      const cy = (box.scrollTop + box.clientHeight / 2) / zoom;
      requestAnimationFrame(() => {
        box.scrollLeft = cx * z - box.clientWidth / 2;
        box.scrollTop = cy * z - box.clientHeight / 2;
      });
    }
    setZoom(z);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const box = e.currentTarget;
    const page = box.clientHeight * 0.9;
    const moves: Record<string, [number, number]> = { ArrowDown: [0, PAN], ArrowUp: [0, -PAN], ArrowRight: [PAN, 0], ArrowLeft: [-PAN, 0], PageDown: [0, page], PageUp: [0, -page], ' ': [0, page] };
    const move = moves[e.key];
    if (move) {
      box.scrollBy({ left: move[0], top: move[1] });
    } else if (e.key === 'Home') box.scrollTop = 0;
    else if (e.key === 'End') box.scrollTop = box.scrollHeight;
    else if (e.key === '+' || e.key === '=') zoomTo(stepZoom(zoom, 1));
    else if (e.key === '-' || e.key === '_') zoomTo(stepZoom(zoom, -1));
    else if (e.key === '0') zoomTo(1);
    else if (e.key === 'w' || e.key === 'W') setMode('fit-width');
    else if (e.key === 'h' || e.key === 'H') setMode('fit-height');
    else if (e.key === 'f' || e.key === 'F') setFull((f) => !f);
    else if (e.key === 'Escape' && full) setFull(false);
    else return;
    e.preventDefault();
  };

  useEffect(() => {
    if (!full) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') setFull(false);
    };
    window.addEventListener('keydown', onKey);
    canvas.current?.box()?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, [full]);

  // Side by side, the two panes scroll together: each shows the same part of its page.
  const follow = (from: HTMLDivElement, to: CanvasHandle | null) => {
    const other = to?.box();
    if (!other || (other.scrollTop === from.scrollTop && other.scrollLeft === from.scrollLeft)) return;
    other.scrollTop = from.scrollTop;
    other.scrollLeft = from.scrollLeft;
  };

  const percent = `${Math.round(zoom * 100)}${t.lang === 'fr' ? '\u202f' : ''}%`;
  const regions = comparison?.regions;
  return (
    <section ref={section} className={`screenshot ${full ? 'full-window' : ''}`} aria-label={t.capture.screenshot}>
      <header className="screenshot-head">
        <h2>{t.capture.screenshot}</h2>
        {tiles.length > 0 ? (
          <div className="viewer-tools">
            <div className="segmented" role="group" aria-label={v.zoomLevel}>
              <button type="button" className="small" onClick={() => zoomTo(stepZoom(zoom, -1))} aria-label={v.zoomOut} title={v.zoomOut}>
                −
              </button>
              <output className="zoom-level small" aria-live="polite" aria-label={v.zoomLevel}>
                {percent}
              </output>
              <button type="button" className="small" onClick={() => zoomTo(stepZoom(zoom, 1))} aria-label={v.zoomIn} title={v.zoomIn}>
                +
              </button>
            </div>
            <div className="segmented" role="group">
              <button type="button" className="small" aria-pressed={mode === 'fit-width'} onClick={() => setMode('fit-width')}>
                {v.fitWidth}
              </button>
              <button type="button" className="small" aria-pressed={mode === 'fit-height'} onClick={() => setMode('fit-height')}>
                {v.fitHeight}
              </button>
              <button type="button" className="small" aria-pressed={mode === 'manual' && zoom === 1} onClick={() => zoomTo(1)}>
                {v.actual}
              </button>
            </div>
            <button type="button" className="small" aria-pressed={full} onClick={() => setFull((f) => !f)}>
              {full ? v.leaveFull : v.enlarge}
            </button>
            {compareWith && compareWith.length > 0 ? (
              <label className="compare-pick">
                <span className="small-text">{v.compare}</span>
                <select value={other} onChange={(e) => setOther(e.target.value)} className="small">
                  <option value="">{v.compareNone}</option>
                  {compareWith.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {other && comparison ? (
              <div className="segmented" role="group" aria-label={v.compare}>
                <button type="button" className="small" aria-pressed={!sideBySide} onClick={() => setSideBySide(false)}>
                  {v.overlay}
                </button>
                <button type="button" className="small" aria-pressed={sideBySide} onClick={() => setSideBySide(true)}>
                  {v.sideBySide}
                </button>
              </div>
            ) : null}
          </div>
        ) : null}
      </header>
      {other ? (
        <p className="compare-note small-text" role="status">
          {comparing ? v.comparing : comparison ? (comparison.share === 0 ? v.same : v.changed(`${(comparison.share * 100).toLocaleString(t.locale, { maximumFractionDigits: 1 })}${t.lang === 'fr' ? '\u202f' : ''}%`, comparison.differingCells)) : ''}
        </p>
      ) : null}
      {tiles.length === 0 ? (
        <p className="muted pad">{t.capture.noScreenshot}</p>
      ) : layout && paired ? (
        // The earlier capture and this one, the changed areas outlined on both (the comparison's cells are page px of either).
        <div className="side-by-side">
          <figure className="pane" data-capture={other}>
            <figcaption className="small-text">{v.before}</figcaption>
            <TileCanvas ref={earlier} captureId={other} layout={comparison.before} zoom={zoom} label={`${v.before}. ${v.canvas(comparison.before.width, comparison.before.height)}`} onKeyDown={onKeyDown} onScroll={(box) => follow(box, canvas.current)} regions={comparison.regions} />
          </figure>
          <figure className="pane" data-capture={captureId}>
            <figcaption className="small-text">{v.after}</figcaption>
            <TileCanvas ref={canvas} captureId={captureId} layout={layout} zoom={zoom} label={`${v.after}. ${v.canvas(layout.width, layout.height)}`} onKeyDown={onKeyDown} onScroll={(box) => follow(box, earlier.current)} regions={comparison.regions} />
          </figure>
        </div>
      ) : layout ? (
        <TileCanvas ref={canvas} captureId={captureId} layout={layout} zoom={zoom} label={v.canvas(layout.width, layout.height)} onKeyDown={onKeyDown} {...(regions ? { regions } : {})} />
      ) : (
        <p className="muted pad">{t.common.loading}</p>
      )}
      <p className="viewer-keys small-text muted">{v.keys}</p>
    </section>
  );
}
