import { useState } from 'react';
import { artifactUrl } from '../../api/transport.js';
import { useT } from '../../i18n/i18n.js';

/**
 * The full page as captured: its tiles stacked edge to edge, in a box that
 * scrolls on its own. Fitted to the column by default; at actual size a
 * pixel of the capture is a pixel on screen, to read small print.
 */
export function ScreenshotViewer({ captureId, tiles }: { captureId: string; tiles: string[] }) {
  const t = useT();
  const [actual, setActual] = useState(false);
  return (
    <section className="screenshot" aria-label={t.capture.screenshot}>
      <header className="screenshot-head">
        <h2>{t.capture.screenshot}</h2>
        {tiles.length > 0 ? (
          <div className="segmented" role="group">
            <button type="button" className="small" aria-pressed={!actual} onClick={() => setActual(false)}>
              {t.capture.fitWidth}
            </button>
            <button type="button" className="small" aria-pressed={actual} onClick={() => setActual(true)}>
              {t.capture.actualSize}
            </button>
          </div>
        ) : null}
      </header>
      <div className={`screenshot-scroll ${actual ? 'actual' : 'fit'}`} tabIndex={0}>
        {tiles.length === 0 ? (
          <p className="muted pad">{t.capture.noScreenshot}</p>
        ) : (
          <div className="tiles">
            {tiles.map((name, i) => (
              <img key={name} src={artifactUrl(captureId, name)} alt={t.capture.tileAlt(i + 1, tiles.length)} decoding="async" draggable={false} />
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
