import { captureNote } from '../../core/catalogue/notes.js';
import { captureFields } from '../../core/catalogue/fields.js';
import { getCapture } from '../../core/workspace/capture-queries.js';
import { readCustodyLog } from '../../core/workspace/custody.js';
import { parseManifest } from '../../core/workspace/manifest.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { describeFiling } from '../describe-filing.js';
import { withWorkspace } from '../open-workspace.js';
import { formatBytes, table } from '../output.js';
import { stampStatus, type StampStatus } from '../../core/workspace/timestamps.js';
import { describeGap, stampEntries } from '../describe-stamp.js';
import { captures } from '../../core/store/index.js';

interface TimeSource {
  check?: { status: string; server?: string; offsetMs?: number; roundTripMs?: number; reason?: string };
  warning?: string | null;
}

function clockNote(t: TimeSource | undefined): string {
  const c = t?.check;
  if (!c) return '; not checked against NTP';
  if (c.status === 'checked') return `, ${(Math.abs(c.offsetMs!) / 1000).toFixed(3)} s ${c.offsetMs! > 0 ? 'behind' : 'ahead of'} ${c.server} by NTP`;
  return `; not checked against NTP: ${c.reason ?? 'unknown'}`;
}

/** Both times side by side: what the machine said, and what an authority vouches for. */
function stampRows(s: StampStatus, finishedAt: string): [string, string][] {
  if (s.status === 'pending') return [['Time-stamp', `time-stamp pending (queued ${s.queuedAt}${s.lastError ? `; last try: ${s.lastError}` : ''}); run exhibit stamp`]];
  if (s.status === 'not-stamped') return [['Time-stamp', 'none (captured before Exhibit stamped captures)']];
  return s.tokens.map((t, i) => [
    i === 0 ? 'Time-stamp' : '',
    `existed no later than ${t.genTime} (${t.authorityName}, serial ${t.serial}; ${describeGap(finishedAt, t.genTime)} the machine's finish time) ${t.name}`,
  ]);
}

export const showCommand: Command = {
  name: 'show',
  summary: "a capture's metadata, artifacts and custody entries",
  usage: 'exhibit show CAPTURE_ID [--workspace DIR] [--json]',
  help: `Prints what the capture's signed manifest records: URLs, times, outcome,
HTTP status, server IP, the environment, each step of the capture, and every
artifact with its SHA-256, size and media type; then its custody entries.`,
  options: {},
  positionals: { min: 1, max: 1 },
  async run({ positionals, out, workspaceDir }) {
    const id = positionals[0]!;
    return withWorkspace(workspaceDir, async (ws) => {
      const capture = await getCapture(ws.db, id);
      if (!capture) throw new UsageError(`No capture ${id} in ${ws.dir}.`);
      const parsed = parseManifest(await ws.store.read(capture.manifestSha256));
      if (!parsed.ok) throw new UsageError(`The manifest of capture ${id} cannot be read (${parsed.error}); run exhibit verify.`);
      const m = parsed.value;
      const custody = await readCustodyLog(ws.db, { subject: id });
      const fields = [...(await captureFields(ws.db, id)).values()];
      const filing = (await captures.filingOf(ws.db, id)) ?? { listingId: null, sellerId: null, caseId: null };
      const note = await captureNote(ws.db, id);
      const stamp = await stampStatus(ws.db, 'capture', id);
      out.data({ ...capture, filing, fields, note, timestamps: stampEntries(stamp), manifest: m, custody: custody.map((e) => ({ ...e, details: JSON.parse(e.details) as unknown })) });
      const p = m.provenance as Record<string, unknown>;
      const main = (p.mainDocument ?? {}) as { serverIp?: string | null; serverPort?: number | null };
      const env = (p.environment ?? {}) as { started?: { local: string }; browser?: { product: string }; network?: { proxy: string | null }; profile?: { kind: string }; timeSource?: TimeSource };
      out.line(
        table([
          ['Capture', m.captureId],
          ['Requested URL', m.requestedUrl],
          ['Final URL', m.finalUrl ?? '-'],
          ...documentUrlRow(p.urls),
          ['Outcome', `${m.outcome}${m.httpStatus !== null ? ` (HTTP ${m.httpStatus})` : ''}${m.outcome === 'partial' ? partialWhy(p.partialReasons) : ''}`],
          ['Started', `${m.startedAt} UTC${env.started ? ` (${env.started.local} local)` : ''}`],
          ['Finished', `${m.finishedAt} UTC (the capturing machine's clock${clockNote(env.timeSource)})`],
          ...stampRows(stamp, m.finishedAt),
          ['Server', main.serverIp ? `${main.serverIp}${main.serverPort ? ` port ${main.serverPort}` : ''}` : '-'],
          ['Browser', env.browser?.product ?? '-'],
          ['Profile', env.profile?.kind ?? '-'],
          ['Proxy', env.network?.proxy ?? 'none'],
          ['Manifest', `${capture.manifestSha256} (signed, Ed25519)`],
          ['Filed', await describeFiling(ws.db, filing, m.outcome)],
        ]),
      );
      if (env.timeSource?.warning) out.line(`\nWarning: ${env.timeSource.warning}.`);
      if (m.outcome === 'imported') out.line('\nImported, not captured by Exhibit: see provenance.imported in the manifest.');
      if (typeof p.note === 'string') out.line(`\nNote given when capturing (in the signed manifest): ${p.note}`);
      if (note && note.text !== '') out.line(`\nInvestigator's note (not evidence; written ${note.at}${note.history.length ? `, ${note.history.length} earlier version(s) kept` : ''}):\n  ${note.text.replace(/\n/g, '\n  ')}`);
      if (fields.length > 0) {
        out.line('\nExtracted fields:');
        for (const f of fields) {
          const shown = (v: unknown) => (Array.isArray(v) ? `${v.length} image(s)` : String(v));
          const from = f.extracted ? `from ${f.extracted.source.kind}: ${f.extracted.source.detail}` : 'not extracted';
          out.line(`  ${f.field.padEnd(12)} ${shown(f.value)}${f.correction ? `  (corrected ${f.correction.at}${f.correction.reason ? `: ${f.correction.reason}` : ''}; extracted: ${f.extracted ? shown(f.extracted.value) : 'none'})` : ''}`);
          out.line(`  ${''.padEnd(12)}   ${from}`);
        }
      }
      out.line('\nArtifacts:');
      for (const a of m.artifacts) out.line(`  ${a.sha256}  ${a.name.padEnd(26)} ${formatBytes(a.bytes).padStart(9)}  ${a.mediaType}`);
      const steps = (p.steps ?? []) as { name: string; status: string; ms: number; detail?: string }[];
      out.line('\nSteps:');
      for (const s of steps) out.line(`  ${s.status.padEnd(7)} ${s.name.padEnd(20)} ${String(s.ms).padStart(6)} ms${s.detail ? `  ${s.detail}` : ''}`);
      out.line('\nCustody:');
      for (const e of custody) out.line(`  #${e.seq}  ${e.at}  ${e.action}  ${e.investigator || e.osUser}`);
      return EXIT.ok;
    }, 'read');
  },
};

/** The address the page's own script left, when it is not where the document came from: both are shown, neither trusted alone. */
function documentUrlRow(urls: unknown): [string, string][] {
  const u = urls as { document?: unknown; differ?: unknown } | undefined;
  return u?.differ === true && typeof u.document === 'string' ? [['Document URL', `${u.document} (as the page's script left it)`]] : [];
}

function partialWhy(reasons: unknown): string {
  if (!Array.isArray(reasons) || reasons.length === 0) return '';
  return `: ${reasons.map((r) => (r as { text?: unknown }).text).filter((t): t is string => typeof t === 'string').join('; ')}`;
}
