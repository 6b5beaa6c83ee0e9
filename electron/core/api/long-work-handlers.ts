import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { BATES_PREFIX, describeDossierError, makeDossier, type DossierProgress } from '../dossier/make-dossier.js';
import { describeSelectionError, selectCaptures } from '../dossier/selection.js';
import { verifyWorkspace } from '../workspace/verify/verify-workspace.js';
import type { Workspace } from '../workspace/workspace.js';
import type { JobRefusal } from './background-job.js';
import type { ApiInput } from './contract.js';
import { ApiFailure, type Handlers } from './failure.js';
import { dossierFolder, type LongWork, type VerifyJobProgress } from './long-work.js';

type LongWorkOps = 'dossier.make' | 'dossier.start' | 'dossier.status' | 'dossier.cancel' | 'verify.workspace' | 'verify.start' | 'verify.status' | 'verify.cancel';

/** Dossiers and workspace verification: at once (dossier.make, verify.workspace) or in the background (start, status, cancel). */
export function longWorkHandlers(ws: Workspace, work: LongWork): Pick<Handlers, LongWorkOps> {
  const dossier = async (i: ApiInput<'dossier.make'>, signal?: AbortSignal, onProgress?: (p: DossierProgress) => void) => {
    await fs.mkdir(dossierFolder(ws), { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const r = await makeDossier(ws, { selection: i.selection, lang: i.lang, attach: i.attach, ...(i.paper ? { paper: i.paper } : {}), bates: i.bates || undefined, output: join(dossierFolder(ws), `dossier-${stamp}.pdf`), signal, onProgress });
    return r.ok ? { ok: true as const, value: { ...r.value, fileName: basename(r.value.path) } } : r;
  };
  const verify = async (signal?: AbortSignal, onProgress?: (p: VerifyJobProgress) => void) => {
    const seen: VerifyJobProgress = { captures: null, objects: null };
    const report = await verifyWorkspace(
      ws,
      (p) => {
        if (p.phase !== 'captures' && p.phase !== 'objects') return;
        seen[p.phase] = { done: p.done, total: p.total };
        onProgress?.({ ...seen });
      },
      signal,
    );
    // A cancelled run is recorded too, as not OK: the log shows it was started and stopped.
    await ws.logEvent({ action: 'verification.run', subject: null, details: { ok: report.ok, ...(report.cancelled ? { cancelled: true } : {}), problems: report.problems.length, chainHeadSeq: report.chainHead?.seq ?? null } });
    return report;
  };
  return {
    'dossier.make': async (i) => {
      const r = await dossier(i);
      if (!r.ok) throw new ApiFailure('refused', describeDossierError(r.error));
      return r.value;
    },
    'dossier.start': async (i) => {
      // What can be refused at once is, so the dialog hears it at once; the rest is the job's outcome.
      if (i.bates && !BATES_PREFIX.test(i.bates)) throw new ApiFailure('invalid-input', describeDossierError({ kind: 'bad-bates', prefix: i.bates }));
      const selected = await selectCaptures(ws.db, i.selection);
      if (!selected.ok) throw new ApiFailure(selected.error.kind === 'empty' ? 'refused' : 'not-found', describeSelectionError(selected.error));
      const started = work.dossier.start(async (signal, progress) => {
        const r = await dossier(i, signal, progress);
        if (r.ok) return { kind: 'done', value: r.value };
        return r.error.kind === 'cancelled' ? { kind: 'cancelled', partial: null } : { kind: 'failed', message: describeDossierError(r.error) };
      });
      if (!started.ok) throw new ApiFailure('refused', refusal(started.error, 'A dossier is being made: it shows in the dossier dialog, where Cancel stops it.'));
      return work.dossier.status();
    },
    'dossier.status': async () => work.dossier.status(),
    'dossier.cancel': async () => {
      work.dossier.cancel();
      return work.dossier.status();
    },
    'verify.workspace': () => verify(),
    'verify.start': async () => {
      const started = work.verify.start(async (signal, progress) => {
        const report = await verify(signal, progress);
        // The problems found before the cancel are still problems: they go back with it.
        return report.cancelled ? { kind: 'cancelled', partial: report } : { kind: 'done', value: report };
      });
      if (!started.ok) throw new ApiFailure('refused', refusal(started.error, 'The workspace is being verified: the Verify workspace dialog follows it, and Cancel stops it.'));
      return work.verify.status();
    },
    'verify.status': async () => work.verify.status(),
    'verify.cancel': async () => {
      work.verify.cancel();
      return work.verify.status();
    },
  };
}

function refusal(e: JobRefusal, busy: string): string {
  return e === 'busy' ? busy : 'Exhibit is closing: nothing is started.';
}
