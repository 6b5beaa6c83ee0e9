import { pushWorkspace } from '../../core/hub/push.js';
import { pushes } from '../../core/store/index.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';

export const pushCommand: Command = {
  name: 'push',
  summary: "send this workspace's evidence to the team hub",
  usage: 'exhibit push [--hub URL --token TOKEN] [--workspace DIR]',
  help: `Sends the captures (signed manifests, files, time-stamp tokens) and the
custody log to the team hub. Only what the hub lacks travels: a second push
sends nothing new, and a push cut short resumes where it stopped. The hub
checks every hash, the manifests' signatures against this workspace's key and
every time-stamp before it keeps anything, and refuses the push with the
reason if anything does not verify. The cases that hold something (and those
that had something removed) go too, when they changed since the last push:
the hub checks each against this workspace's custody log and joins it to the
team's case of the same reference (or, without one, the same name). A push the hub took evidence from is
recorded in this workspace's custody log (hub.pushed: the hub, your hub user,
the captures sent, the hub's receipt), which exhibit verify checks.

  --hub URL       the hub's address (exhibit hub serve prints it); without it,
                  the hub entered in the app's settings
  --token TOKEN   your token (exhibit hub user add gives it; or EXHIBIT_HUB_TOKEN)`,
  options: { hub: { type: 'string' }, token: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    return withWorkspace(workspaceDir, async (ws) => {
      const saved = await pushes.hubConnection(ws.db);
      const url = typeof values.hub === 'string' ? values.hub : saved?.url;
      const token = typeof values.token === 'string' ? values.token : (process.env.EXHIBIT_HUB_TOKEN ?? (url === saved?.url ? saved?.token : undefined));
      if (!url || !/^https?:\/\//.test(url)) throw new UsageError('--hub http(s)://HOST:PORT is needed (or a hub entered in the settings)');
      if (!token) throw new UsageError('--token is needed (or EXHIBIT_HUB_TOKEN)');
      const r = await pushWorkspace(ws, { url, token });
      if (!r.ok) {
        out.error(`Push refused: ${r.error}`);
        out.data({ ok: false, error: r.error });
        return EXIT.evidence;
      }
      out.data(r);
      out.line(`${r.objectsSent} object(s) sent (${r.bytesSent} bytes), ${r.capturesSent} capture(s) new to the hub.`);
      if (r.commit) out.line(`The hub verified and kept ${r.commit.capturesAdded} capture(s) and ${r.commit.custodyAdded} custody entries. Store retention: ${r.commit.retention}.`);
      else out.line('The hub already had everything.');
      const cases = r.commit?.cases;
      if (cases) out.line(`Cases: ${cases.claimed} sent, checked against this workspace's custody log; ${cases.membersAdded} member(s) added on the hub, ${cases.membersRemoved} marked removed.`);
      if (r.recorded !== null) out.line(`Recorded in this workspace's custody log (entry ${r.recorded}); the hub's receipt is its entry ${r.commit?.receipt.seq ?? ''}.`);
      return EXIT.ok;
    }, 'write');
  },
};
