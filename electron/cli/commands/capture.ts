import { readFile } from 'node:fs/promises';
import type { CaptureBounds } from '../../core/capture/capture-page.js';
import { captureUrls, type CaptureSetupError, type StoredCapture } from '../../core/capture/capture-service.js';
import { OUTCOME_TEXT, PARTIAL_REASON_TEXT, reachedPage } from '../../core/capture/outcome.js';
import { describeRefusal } from '../../core/capture/url-policy.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { describeFiling } from '../describe-filing.js';
import { withWorkspace } from '../open-workspace.js';
import { withStamping } from '../stamping.js';
import { timestampList } from '../describe-stamp.js';
import { positiveInt, sellerArg } from '../args.js';

export const captureCommand: Command = {
  name: 'capture',
  summary: 'capture web pages as signed evidence',
  usage: 'exhibit capture URL... [--from FILE] [--case C] [--seller MARKETPLACE:ID] [--note TEXT] [--proxy URL] [--profile NAME] [--concurrency N] [--browser PATH] [--timeout SECONDS] [--deadline SECONDS] [--workspace DIR] [--json]',
  help: `Captures each page in headless Chromium: full-page and viewport screenshots,
MHTML, WARC, rendered DOM, the document as received, visible text, the network
log (HAR), the certificate chain, the redirect chain and the environment. Each
artifact is hashed as it is stored; the manifest listing them is signed with
the workspace key. Every attempt is stored with its outcome (complete,
partial, blocked, not-found, gone, server-error, dns-failure,
connection-refused, tls-error, redirect-loop, download…). A capture ends
whatever the page does: a page that runs a script for ever, eats memory or
never stops loading is given up after its deadline (3 minutes), and what was
gathered is sealed as partial, with the reason. An empty page is partial.

  --from FILE         read URLs from FILE, one a line (# starts a comment)
  --case C            file the captures under case C (made if new)
  --seller M:ID       file them under the seller with id ID on marketplace M
                      (else under the seller the page names; where the page
                      names another, both are kept, yours as a correction)
  --note TEXT         a note kept in each capture's signed manifest
  --proxy URL         capture through this proxy (http://, https://, socks5://);
                      recorded in the environment
  --profile NAME      use the persistent, logged-in browser profile NAME
                      instead of a fresh one
  --concurrency N     pages captured at once (default 1)
  --browser PATH      the Chromium, Chrome or Edge to use (else EXHIBIT_CHROMIUM,
                      Playwright's browsers, then the system's)
  --timeout SECONDS   how long a page may take to load (default 30)
  --deadline SECONDS  how long one capture may take in all (default 180); past
                      it the page is given up and what was gathered is sealed

A URL that is not http(s), is malformed or carries a password is refused
before any browser starts, and nothing is captured. A page on the public web
cannot reach this machine or its private network (127.0.0.1, 10.x, 192.168.x…)
during its capture: such requests are blocked and recorded.

Exit code: 0 when every page was reached (whatever it showed: a listing, a
404, a captcha; a partial capture counts), 1 when some page could not be
reached at all (DNS, refused, TLS, redirect loop, network error; each is
still stored with its network log), 2 when nothing could start (bad URL,
no browser, bad option).`,
  options: {
    from: { type: 'string' },
    case: { type: 'string' },
    seller: { type: 'string' },
    note: { type: 'string' },
    proxy: { type: 'string' },
    profile: { type: 'string' },
    concurrency: { type: 'string' },
    browser: { type: 'string' },
    timeout: { type: 'string' },
    deadline: { type: 'string' },
  },
  positionals: { min: 0, max: 10_000 },
  async run({ values, positionals, out, workspaceDir }) {
    const urls = [...positionals];
    if (typeof values.from === 'string') {
      const text = await readFile(values.from, 'utf8').catch((e: Error) => {
        throw new UsageError(`Cannot read --from ${values.from}: ${e.message}`);
      });
      urls.push(...text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
    }
    if (urls.length === 0) throw new UsageError('No URL given: exhibit capture URL... or --from FILE');
    const concurrency = positiveInt(values.concurrency, '--concurrency', 1, 16) ?? 1;
    const timeoutS = positiveInt(values.timeout, '--timeout', 1, 600);
    const deadlineS = positiveInt(values.deadline, '--deadline', 10, 3600);
    const seller = sellerArg(values.seller);

    return withWorkspace(workspaceDir, async (ws) => {
      const result = await withStamping(ws, out, () => captureUrls(ws, {
        urls,
        concurrency,
        ...(typeof values.case === 'string' ? { caseRef: values.case } : {}),
        ...(seller ? { seller } : {}),
        ...(typeof values.note === 'string' ? { note: values.note } : {}),
        ...(typeof values.proxy === 'string' ? { proxy: values.proxy } : {}),
        ...(typeof values.profile === 'string' ? { profile: values.profile } : {}),
        ...(typeof values.browser === 'string' ? { browserPath: values.browser } : {}),
        bounds: captureBounds(timeoutS, deadlineS),
        onCaptured: async (c) => out.line(`${line(c)}\n    ${await describeFiling(ws.db, c.record.filing, c.page.outcome)}`),
      }));
      if (!result.ok) throw new UsageError(describeSetupError(result.error));
      out.data(await Promise.all(result.value.map(async (c) => ({ ...summary(c), timestamps: await timestampList(ws.db, c.record.id) }))));
      const unreached = result.value.filter((c) => !reachedPage(c.page.outcome)).length;
      if (unreached > 0) out.line(unreached === result.value.length ? `No page could be reached (${unreached} of ${unreached}); each attempt is stored with its network log.` : `${unreached} of ${result.value.length} pages could not be reached; each attempt is stored with its network log.`);
      return unreached > 0 ? EXIT.evidence : EXIT.ok;
    });
  },
};

/** The bounds --timeout and --deadline set; the rest keep their defaults. */
export function captureBounds(timeoutS: number | undefined, deadlineS: number | undefined): Partial<CaptureBounds> {
  return { ...(timeoutS ? { navigationMs: timeoutS * 1000, loadMs: timeoutS * 1000 } : {}), ...(deadlineS ? { captureMs: deadlineS * 1000 } : {}) };
}

export function describeSetupError(e: CaptureSetupError): string {
  switch (e.kind) {
    case 'refused-urls':
      return `${e.refusals.map(describeRefusal).join('\n')}\nNothing was captured.`;
    case 'bad-proxy':
      return `--proxy ${e.proxy}: ${e.reason}. Nothing was captured.`;
    case 'bad-profile':
      return `--profile ${e.profile}: a profile name is letters, digits, - and _ (up to 64). Nothing was captured.`;
    case 'no-browser':
    case 'browser-launch':
      return `${e.message} Nothing was captured.`;
  }
}

function line(c: StoredCapture): string {
  const mark = c.page.outcome === 'complete' ? '✓' : c.page.outcome === 'partial' ? '~' : '✗';
  const why = c.page.partialReasons.map((r) => `\n    partial: ${PARTIAL_REASON_TEXT[r]}`).join('');
  const blocked = c.page.provenance.blockedRequests;
  const refused = Array.isArray(blocked) && blocked.length > 0 ? `\n    ${blocked.length} request(s) to this machine or its private network blocked` : '';
  return `${mark} ${c.record.id}  ${c.page.outcome}  ${c.page.httpStatus ?? '-'}  ${c.page.requestedUrl}\n    ${OUTCOME_TEXT[c.page.outcome]}; ${c.record.manifest.artifacts.length} artifacts; manifest ${c.record.manifestSha256}${why}${refused}`;
}

export function summary(c: StoredCapture) {
  const m = c.record.manifest;
  return {
    id: c.record.id,
    requestedUrl: m.requestedUrl,
    finalUrl: m.finalUrl,
    httpStatus: m.httpStatus,
    outcome: m.outcome,
    partialReasons: c.page.partialReasons,
    documentUrl: (m.provenance as { urls?: { document?: string | null } }).urls?.document ?? null,
    startedAt: m.startedAt,
    finishedAt: m.finishedAt,
    artifacts: m.artifacts.map((a) => ({ name: a.name, kind: a.kind, sha256: a.sha256, bytes: a.bytes, mediaType: a.mediaType })),
    manifestSha256: c.record.manifestSha256,
    filing: c.record.filing,
  };
}
