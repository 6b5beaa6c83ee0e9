import { openJobQueue, RECAPTURE_QUEUE } from '../../core/hub/jobs.js';
import { userByToken } from '../../core/hub/users.js';
import { runWorker } from '../../core/hub/worker.js';
import { positiveInt } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { HUB_OPTIONS, HUB_OPTIONS_HELP, withHub } from '../hub-options.js';
import { withWorkspace } from '../open-workspace.js';
import { describeSetupError } from './capture.js';

export const workerCommand: Command = {
  name: 'worker',
  summary: "re-capture the hub's watched pages, on this machine",
  usage: 'exhibit worker --hub postgres://… --store s3://BUCKET [--endpoint URL] --token TOKEN [--concurrency N] [--drain] [--browser PATH] [--workspace DIR]',
  help: `Takes re-capture jobs from the team hub's queue (the watches \`exhibit hub
watch add\` sets, queued in the hub's PostgreSQL by pg-boss) and captures each
page in headless Chromium into this worker's own workspace, sealed with its
key and time-stamped by its authorities, then stores the capture in the hub
in the same transaction that marks the job done; each page is handed over
while the next is captured. Run as many workers, on as many machines, as the
work needs. A worker that dies leaves its job to be
retried by another once the job's time is up (exhibit hub init --job-expiry);
a job is never stored twice.

  --hub postgres://…  the hub's database, where its jobs wait (the same as
                      --database; a worker takes its jobs from PostgreSQL,
                      not from exhibit hub serve)
  --token TOKEN       the worker's hub user (exhibit hub user add), to whom
                      its captures are attributed (or EXHIBIT_HUB_TOKEN)
  --concurrency N     pages captured at once (default 1, at most 8)
  --drain             stop when no job is queued, waiting or running
  --browser PATH      the Chromium, Chrome or Edge to use
${HUB_OPTIONS_HELP}

The worker's workspace (--workspace or EXHIBIT_WORKSPACE) holds its key, its
time-stamping authorities and a copy of what it captured.`,
  options: { ...HUB_OPTIONS, hub: { type: 'string' }, token: { type: 'string' }, concurrency: { type: 'string' }, drain: { type: 'boolean' }, browser: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    const token = typeof values.token === 'string' ? values.token : process.env.EXHIBIT_HUB_TOKEN;
    if (!token) throw new UsageError('--token is needed (or EXHIBIT_HUB_TOKEN): the hub user the captures are attributed to');
    const concurrency = positiveInt(values.concurrency, '--concurrency', 1, 8) ?? 1;
    if (typeof values.hub === 'string' && !/^postgres(ql)?:\/\//.test(values.hub)) throw new UsageError('--hub is the hub\'s database for a worker: postgres://USER:PASSWORD@HOST:PORT/DB');
    return withHub(values, async ({ pool, store, databaseUrl }) => {
      const user = await userByToken(pool, token);
      if (!user) throw new UsageError('this token is not one the hub gave out');
      if (user.role !== 'investigator') throw new UsageError(`${user.name} is a ${user.role}: a worker stores evidence, so it runs as an investigator`);
      const boss = openJobQueue(databaseUrl, { supervise: false });
      boss.on('error', (e: Error) => out.error(`worker: job queue: ${e.message}`));
      await boss.start();
      const queue = await boss.getQueue(RECAPTURE_QUEUE);
      if (!queue) {
        await boss.stop({ graceful: false, wait: true });
        throw new UsageError('the hub has no re-capture queue: run `exhibit hub init` first');
      }
      // Jobs of a dead worker are handed on by maintenance: run it often enough to notice within a quarter of a job's time.
      const expiry = queue.expireInSeconds ?? 600;
      await boss.stop({ graceful: false, wait: true });
      const supervised = openJobQueue(databaseUrl, { supervise: true, maintenanceSeconds: Math.max(1, Math.floor(expiry / 4)) });
      supervised.on('error', (e: Error) => out.error(`worker: job queue: ${e.message}`));
      await supervised.start();
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        return await withWorkspace(workspaceDir, async (ws) => {
          out.line(`Worker for ${user.name}: ${concurrency} page(s) at once${values.drain ? ', until the queue is empty' : ' (Ctrl+C stops it)'}.`);
          const r = await runWorker({
            ws,
            pool,
            store,
            boss: supervised,
            user,
            concurrency,
            drain: values.drain === true,
            ...(typeof values.browser === 'string' ? { browserPath: values.browser } : {}),
            signal: stop.signal,
            onEvent: (e) => {
              if (e.kind === 'stored') out.line(`stored   ${e.captureId} (job ${e.jobId})`);
              else if (e.kind === 'captured') out.line(`captured ${e.url}: ${e.outcome}`);
              else if (e.kind === 'duplicate') out.line(`job ${e.jobId} was done by another worker: ${e.captureId} kept here only`);
              else if (e.kind === 'enqueued') out.line(`${e.jobs} watch(es) due: queued`);
              else out.error(`capture ${e.captureId} not time-stamped yet: ${e.reason}`);
            },
          });
          if (!r.ok) {
            if (r.error.kind === 'refused') {
              out.error(`The hub refused this worker's capture: ${r.error.message}`);
              return EXIT.evidence;
            }
            throw new UsageError(describeSetupError(r.error));
          }
          out.data(r);
          out.line(`${r.stored} capture(s) stored in the hub${r.duplicates ? `, ${r.duplicates} already done by another worker` : ''}.`);
          return EXIT.ok;
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await supervised.stop({ graceful: false, wait: true });
      }
    });
  },
};
