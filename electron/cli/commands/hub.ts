import { addHubWatch, DEFAULT_JOB_EXPIRY_SECONDS, ensureRecaptureQueue, openJobQueue } from '../../core/hub/jobs.js';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { hubApp } from '../../serve/hub-app.js';
import { rendererBuilt } from '../../serve/ui-http.js';
import { addHubTsaRoots } from '../../core/hub/roots.js';
import { migrateHub } from '../../core/hub/schema/index.js';
import { readPendingTitles } from '../../core/hub/capture-titles.js';
import { startHubServer } from '../../core/hub/server.js';
import { addHubUser, HUB_ROLES } from '../../core/hub/users.js';
import { verifyHub } from '../../core/hub/verify.js';
import { exportHubCapture } from '../../core/hub/export-capture.js';
import { describeExportError } from '../../core/export/export-capture.js';
import { describeHubDossierError, makeHubDossier } from '../../core/hub/hub-dossier.js';
import { describeDossierError } from '../../core/dossier/make-dossier.js';
import { resolve } from 'node:path';
import { positiveInt } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { HUB_OPTIONS, HUB_OPTIONS_HELP, withHub } from '../hub-options.js';

/** daily, hourly, weekly, or N followed by m, h, d or w */
export function intervalSeconds(text: string): number | undefined {
  const named: Record<string, number> = { hourly: 3600, daily: 86_400, weekly: 604_800 };
  if (named[text] !== undefined) return named[text];
  const m = /^(\d{1,6})([mhdw])$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * { m: 60, h: 3600, d: 86_400, w: 604_800 }[m[2] as 'm' | 'h' | 'd' | 'w'];
}

export const hubCommand: Command = {
  name: 'hub',
  summary: "the team hub: set it up, add people, serve it, verify it",
  usage: 'exhibit hub init|user add NAME [--role ROLE]|watch add URL [--every INTERVAL]|serve [--host H] [--port N] [--name NAME]|verify|export-capture CAPTURE_ID DIR|dossier CASE --out FILE.pdf [--lang en|fr] [--tsa URL] --database URL --store s3://BUCKET [--endpoint URL]',
  help: `The team's hub keeps every investigator's pushed evidence in PostgreSQL (the
catalogue, the custody log, schedules) and an S3 store (the files, by SHA-256).

  init                 create or update the hub's tables and its re-capture
                       queue; says whether the bucket has S3 Object Lock
                       (retention) or not. --job-expiry SECONDS: how long a
                       silent worker keeps a job before another gets it
                       (default ${DEFAULT_JOB_EXPIRY_SECONDS}). --tsa-roots FILE: the
                       roots (PEM) of the time-stamping authorities the hub
                       trusts, besides those shipped with Exhibit; a pusher's
                       own roots are never taken, and a time-stamp that leads
                       to none of these is refused. Reads from the store the
                       titles of captures pushed before the search kept each
                       capture's title (schema 6), so the search finds them
                       by any title their listing had
  user add NAME        add a person; prints their token once (only its hash
                       is kept). --role investigator (pushes) or lawyer (reads)
  watch add URL        re-capture the page every INTERVAL (daily by default;
                       hourly, weekly, or e.g. 30m, 12h, 3d), the first time
                       at once; \`exhibit worker\` does the captures
  serve                serve the hub's API for \`exhibit push\` and the app, read-
                       only, for the team: the sellers, their listings and
                       captures from every pushed workspace, who pushed each,
                       the files with their hashes, signatures and time-stamps;
                       each person opens /?token=THEIR_TOKEN (127.0.0.1 unless
                       --host; --port, default 8787; --name NAME, the hub's
                       name the app shows, default this machine's)
  verify               re-hash every object in the store, check every
                       manifest signature and time-stamp, walk every custody
                       chain; exit 1 and where, on any problem. Deletes first
                       what killed pushes left (uploads untouched for an hour,
                       by anyone), never a push going on
  export-capture ID DIR
                       write a capture as \`exhibit export-capture\` does: its
                       files re-hashed from the store, the signed manifest and
                       the key of the workspace that signed it, SHA256SUMS,
                       its time-stamps and the roots the hub trusts, checkable
                       with sha256sum and OpenSSL alone (or exhibit verify DIR);
                       recorded in the hub's custody chain
  dossier CASE --out FILE.pdf
                       a signed PDF dossier of a team case (its id, name or
                       reference): the captures its members bring in, from
                       every workspace and worker, each re-hashed from the
                       store, its signature checked with the key that made it
                       and its time-stamps with the roots the hub trusts. Each
                       exhibit names the key that signed it; every key is
                       attached. The PDF and its manifest are signed by the
                       hub's own identity (made on the first hub dossier, kept
                       in the hub's database, never replaced); recorded in the
                       hub's custody chain (dossier.made). --lang en|fr.
                       --tsa URL: the time-stamping authority that stamps the
                       PDF's signature and seals the file (its token must lead
                       to a root the hub trusts); without it the PDF is signed
                       but not time-stamped
                       Refused, nothing written, for an altered object or a
                       time-stamp that does not check out

${HUB_OPTIONS_HELP}`,
  options: { ...HUB_OPTIONS, 'tsa-roots': { type: 'string' }, 'job-expiry': { type: 'string' }, every: { type: 'string' }, role: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, name: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' }, tsa: { type: 'string' } },
  positionals: { min: 1, max: 3 },
  async run({ values, positionals, out }) {
    const [action, sub, name] = positionals;
    switch (action) {
      case 'init':
        return withHub(values, async ({ pool, store, databaseUrl }) => {
          const expiry = positiveInt(values['job-expiry'], '--job-expiry', 10, 86_400) ?? DEFAULT_JOB_EXPIRY_SECONDS;
          let rootsPem: string | null = null;
          if (typeof values['tsa-roots'] === 'string') {
            try {
              rootsPem = readFileSync(values['tsa-roots'], 'utf8');
            } catch (e) {
              throw new UsageError(`--tsa-roots: ${(e as Error).message}`);
            }
          }
          const client = await pool.connect();
          let applied: number[];
          try {
            applied = await migrateHub(client);
          } finally {
            client.release();
          }
          const boss = openJobQueue(databaseUrl, { supervise: false });
          await boss.start();
          try {
            await ensureRecaptureQueue(boss, expiry);
          } finally {
            await boss.stop({ graceful: false, wait: true });
          }
          const roots = rootsPem === null ? null : await addHubTsaRoots(pool, rootsPem);
          if (roots && !roots.ok) throw new UsageError(`--tsa-roots: ${roots.error}`);
          const retention = await store.retentionSupport();
          // Captures pushed before schema 6: their titles, for the search, read from the store.
          const titles = await readPendingTitles(pool, store);
          out.data({ migrationsApplied: applied, objectLock: retention, tsaRootsAdded: roots?.ok ? roots.added : [], capturesTitled: titles.read, capturesUntitled: titles.unread });
          out.line(applied.length > 0 ? `Hub tables created (schema ${applied.join(', ')}).` : 'Hub tables already up to date.');
          if (titles.read > 0) out.line(`Read the titles of ${titles.read} capture(s) pushed before, for the search.`);
          for (const u of titles.unread) out.line(`Warning: capture ${u.captureId}: ${u.problem}; it is found by its listing's title until exhibit hub init reads it (run exhibit hub verify).`);
          if (roots?.ok) for (const r of roots.added) out.line(`Time-stamps leading to ${r.subject} (SHA-256 ${r.sha256}) are trusted.`);
          if (roots?.ok && roots.present > 0) out.line(`${roots.present} root(s) were trusted already.`);
          out.line(retention.supported ? `Objects are kept under S3 Object Lock (COMPLIANCE, ${retention.days} days).` : `Warning: ${retention.reason}.`);
          return EXIT.ok;
        });
      case 'user': {
        if (sub !== 'add' || !name) throw new UsageError('usage: exhibit hub user add NAME --role investigator|lawyer');
        const role = typeof values.role === 'string' ? values.role : 'investigator';
        if (!(HUB_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${HUB_ROLES.join(', ')}`);
        return withHub(values, async ({ pool }) => {
          const added = await addHubUser(pool, name, role);
          if (!added.ok) throw new UsageError(added.error);
          out.data({ name: added.user.name, role: added.user.role, token: added.token });
          out.line(`${added.user.name} (${added.user.role}) added. Their token, shown this once:\n${added.token}`);
          return EXIT.ok;
        });
      }
      case 'watch': {
        if (sub !== 'add' || !name) throw new UsageError('usage: exhibit hub watch add URL [--every INTERVAL]');
        const every = intervalSeconds(typeof values.every === 'string' ? values.every : 'daily');
        if (every === undefined) throw new UsageError('--every must be hourly, daily, weekly, or a number and m, h, d or w (e.g. 12h)');
        return withHub(values, async ({ pool }) => {
          const added = await addHubWatch(pool, name, every);
          if (!added.ok) throw new UsageError(added.error);
          out.data(added);
          out.line(added.created ? `Watching ${name}: re-captured every ${every} s, the first time at once.` : `${name} was watched already: unchanged.`);
          return EXIT.ok;
        });
      }
      case 'serve': {
        const port = typeof values.port === 'string' ? Number(values.port) : 8787;
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number');
        const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
        const hubName = typeof values.name === 'string' && values.name.trim() !== '' ? values.name.trim().slice(0, 200) : hostname();
        return withHub(values, async ({ pool, store }) => {
          // The app when its UI is built (npm run build); else the server-rendered page of the team's sellers.
          const app = (await rendererBuilt()) ? await hubApp(pool, store, { name: hubName }) : null;
          const server = await startHubServer(pool, store, { host, port, ...(app ? { app: app.handle } : {}) });
          app?.listening({ port: server.port, loopback: isLoopback(host) });
          out.data({ url: server.url, name: hubName, app: app !== null });
          out.line(
            app
              ? `The hub "${hubName}" is serving at ${server.url}: each person opens ${server.url}/?token=THEIR_TOKEN for the team's evidence, read-only; a token is needed for every request; Ctrl+C stops it.`
              : `The hub is serving at ${server.url}: the team's sellers at ${server.url}/?token=YOUR_TOKEN (&lang=fr; the app is not built here: npm run build); a token is needed for every request; Ctrl+C stops it.`,
          );
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await server.close();
          await app?.close();
          return EXIT.ok;
        });
      }
      case 'verify':
        return withHub(values, async ({ pool, store }) => {
          const v = await verifyHub(pool, store);
          out.data(v);
          if (v.leftoversCleaned > 0) out.line(`${v.leftoversCleaned} object(s) left by killed pushes, never committed, deleted.`);
          out.line(`${v.objects} objects, ${v.captures} captures, ${v.stamps} time-stamps, ${v.custodyEntries} custody entries checked.`);
          for (const p of v.problems) out.line(`PROBLEM  ${p.where}: ${p.problem}`);
          out.line(v.problems.length === 0 ? 'The hub verifies.' : `${v.problems.length} problem(s) found.`);
          return v.problems.length === 0 ? EXIT.ok : EXIT.evidence;
        });
      case 'export-capture': {
        const [id, target] = [sub, name];
        if (!id || !target) throw new UsageError('usage: exhibit hub export-capture CAPTURE_ID DIR');
        return withHub(values, async ({ pool, store }) => {
          const r = await exportHubCapture(pool, store, id, resolve(target));
          if (!r.ok) {
            const message = r.error.kind === 'no-such-capture' ? `No capture ${id} on the hub; a capture's id is on its page in the hub's app.` : describeExportError(r.error);
            if (r.error.kind !== 'evidence-altered') throw new UsageError(message);
            out.error(`exhibit: ${message}`);
            out.data({ error: { kind: 'evidence', message } });
            return EXIT.evidence;
          }
          out.data(r.value);
          out.line(`Exported capture ${id} from the hub to ${r.value.dir}:`);
          for (const f of r.value.files) out.line(`  ${f}`);
          out.line(`Check it with: cd "${r.value.dir}" && sha256sum -c SHA256SUMS (or exhibit verify "${r.value.dir}")`);
          return EXIT.ok;
        });
      }
      case 'dossier': {
        if (!sub || name) throw new UsageError('usage: exhibit hub dossier CASE --out FILE.pdf [--lang en|fr] [--tsa URL]');
        if (typeof values.out !== 'string' || values.out.trim() === '') throw new UsageError('exhibit hub dossier needs --out FILE.pdf: where to write the dossier');
        const lang = typeof values.lang === 'string' ? values.lang : 'en';
        if (lang !== 'en' && lang !== 'fr') throw new UsageError(`--lang ${lang}: en or fr`);
        const output = resolve(values.out);
        return withHub(values, async ({ pool, store }) => {
          const tsa = typeof values.tsa === 'string' ? values.tsa : undefined;
          if (tsa !== undefined && !/^https?:\/\/[^/\s]+/.test(tsa)) throw new UsageError(`--tsa ${tsa}: the time-stamping authority's http(s):// URL`);
          const r = await makeHubDossier(pool, store, { caseRef: sub, output, lang, ...(tsa ? { tsa } : {}) });
          if (!r.ok) {
            const message = describeHubDossierError(r.error) ?? describeDossierError(r.error);
            if (r.error.kind !== 'evidence-altered') throw new UsageError(message);
            out.error(`exhibit: ${message}`);
            out.data({ error: { kind: 'evidence', message } });
            return EXIT.evidence;
          }
          const d = r.value;
          out.data(d);
          out.line(`Dossier ${d.dossierId} of case ${JSON.stringify(sub)} from the hub: ${d.path}\n    ${d.exhibits} exhibits, ${d.pages} pages, ${d.attachments} attachments\n    SHA-256 ${d.sha256} (recorded in the hub's custody chain)`);
          out.line(`    signed by ${d.signature.name} (certificate ${d.signature.certificateSha256})${d.signature.pending ? `; not time-stamped: ${d.signature.pending}` : ''}`);
          out.line(`Check it with: exhibit verify "${d.path}"`);
          return EXIT.ok;
        });
      }
      default:
        throw new UsageError(`unknown hub action "${action ?? ''}": init, user add, watch add, serve, verify, export-capture or dossier`);
    }
  },
};

/** Whether the hub listens on this machine only. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
