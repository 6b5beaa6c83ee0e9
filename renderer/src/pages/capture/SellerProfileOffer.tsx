import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/transport.js';
import type { ApiOutputs } from '../../api/types.js';
import { CaptureLink } from '../../components/CaptureLink.js';
import { useT } from '../../i18n/i18n.js';
import { drop } from '../../util/drop.js';
import { utc } from '../../util/format.js';

/**
 * A listing's capture offers its seller's profile page (#20): the trader
 * details that link accounts are read there. "Capture seller profile" when
 * the listing names the page and the workspace holds no capture of it yet;
 * the capture of it otherwise.
 */
export function SellerProfileOffer({ captureId }: { captureId: string }) {
  const t = useT();
  const [offer, setOffer] = useState<ApiOutputs['links.profileOffer'] | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await call('links.profileOffer', { captureId });
    setOffer(r.ok ? r.value : null);
  }, [captureId]);
  useEffect(() => {
    setOffer(undefined);
    drop(load());
  }, [load]);
  if (!offer) return null;
  const capture = () => {
    setBusy(true);
    setError(null);
    drop(
      call('captures.capture', { urls: [offer.url] }).then(async (r) => {
        setBusy(false);
        if (!r.ok) return setError(r.error.message);
        const line = r.value[0];
        if (line && !['complete', 'partial'].includes(line.outcome)) setError(t.links.profileNotCaptured(line.outcome));
        await load();
      }),
    );
  };
  return (
    <div className="seller-profile-offer small-text" role="group" aria-label={t.links.profileGroup}>
      {offer.captured ? (
        <span>
          {t.links.profileCaptured(utc(offer.captured.startedAt))} <CaptureLink id={offer.captured.id}>{t.links.openProfileCapture}</CaptureLink>
        </span>
      ) : (
        <>
          <button type="button" className="small" disabled={busy} onClick={capture}>
            {t.links.captureProfile}
          </button>{' '}
          <code className="muted">{offer.url}</code> {busy ? <span className="muted">{t.links.capturingProfile}</span> : null}
        </>
      )}
      {error ? <div className="bad-text">{error}</div> : null}
    </div>
  );
}
