import { BackgroundStamper } from '../../core/timestamp/background-stamper.js';
import { countPendingStamps } from '../../core/workspace/timestamps.js';
import { EXIT, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { describeSettled } from '../stamping.js';

/** Long enough for a large backlog, in passes of up to a thousand imprints each. */
const STAMP_ALL_MS = 10 * 60_000;

export const stampCommand: Command = {
  name: 'stamp',
  summary: 'time-stamp everything still pending (captures made offline, the key)',
  usage: 'exhibit stamp [--workspace DIR] [--json]',
  help: `Sends every pending imprint, oldest first, to the configured time-stamping
authorities (exhibit tsa list) and records each token with its capture and in
the custody log. Several pending imprints are stamped together: the token
stamps a list of their SHA-256 digests, kept with each capture.

Exit status 0 when nothing is left pending, 2 when an authority could not be
reached or refused (what is pending stays queued).`,
  options: {},
  positionals: { min: 0, max: 0 },
  async run({ out, workspaceDir }) {
    return withWorkspace(workspaceDir, async (ws) => {
      const before = await countPendingStamps(ws.db);
      const stamper = new BackgroundStamper(ws, { requestTimeoutMs: 10_000 });
      try {
        const settled = before === 0 ? { pending: 0, last: null } : await stamper.settle(STAMP_ALL_MS);
        const stamped = before - settled.pending;
        out.data({ stamped, pending: settled.pending, failures: settled.last?.failures ?? [] });
        out.line(before === 0 ? 'Nothing to stamp: every capture and the key have their time-stamps.' : `Stamped ${stamped} of ${before} pending item(s).`);
        const pending = describeSettled(settled.pending, settled.last);
        if (pending) out.error(pending);
        return settled.pending === 0 ? EXIT.ok : EXIT.usage;
      } finally {
        await stamper.close();
      }
    });
  },
};
