import { imageFromCapture } from '../fakes/capture-image.js';
import { mainImageUrl, scoreListings } from '../fakes/listing-score.js';
import { searchResultById } from '../fakes/monitors.js';
import { decide, triageQueue } from '../fakes/triage.js';
import type { RecaptureScheduler } from '../watch/scheduler.js';
import type { Workspace } from '../workspace/workspace.js';
import { ApiFailure, type Handlers } from './failure.js';
import { captures } from '../store/index.js';

type FakesOps = 'triage.queue' | 'triage.listings' | 'triage.decide' | 'triage.image';

/** Finding the fakes: the triage queue of search results, the scores of captured listings, and decisions. */
export function fakesHandlers(ws: Workspace, scheduler: RecaptureScheduler): Pick<Handlers, FakesOps> {
  return {
    'triage.queue': async (i) => await triageQueue(ws.db, { includeDecided: i.all === true }),
    'triage.listings': async () => await scoreListings(ws),
    'triage.decide': async (i) => {
      const made = await decide(ws.db, i.resultId, i.decision, i.note ?? '');
      if (!made.ok) throw new ApiFailure(made.error.startsWith('no search result') ? 'not-found' : 'invalid-input', made.error);
      const f = made.value.filed;
      let capturing: 'started' | 'queued' | null = null;
      if (f) {
        // A counterfeit not yet captured is captured in full now, through the process's one job runner; when it is busy, its watch (due now) has it captured next.
        if ((await captures.countOfListing(ws.db, f.listingId)) === 0) {
          const r = await scheduler.runNow({ mode: 'targets', targets: [{ kind: 'listing', id: f.listingId }] });
          capturing = r.ok ? 'started' : 'queued';
        }
      }
      return { ...made.value, capturing };
    },
    'triage.image': async (i) => {
      let captureId: string | null = null;
      let url: string | null = null;
      if (i.kind === 'result') {
        const r = await searchResultById(ws.db, i.id);
        if (!r) throw new ApiFailure('not-found', `No search result ${i.id} in this workspace.`);
        captureId = r.captureId;
        url = r.thumbnail;
      } else {
        captureId = await captures.latestShownOfListing(ws.db, i.id);
        url = captureId ? await mainImageUrl(ws, captureId) : null;
      }
      if (!captureId || !url) return null;
      const image = await imageFromCapture(ws, captureId, url);
      return image ? { dataUrl: `data:${image.mediaType};base64,${image.bytes.toString('base64')}`, captureId, url } : null;
    },
  };
}

