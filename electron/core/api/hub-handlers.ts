import { pushWorkspace } from '../hub/push.js';
import { pushes } from '../store/index.js';
import type { Workspace } from '../workspace/workspace.js';
import type { HubConnectionView } from './contract.js';
import { ApiFailure, type Handlers } from './failure.js';
import type { LongWork } from './long-work.js';

type HubOps = 'hub.connection' | 'hub.connect' | 'hub.pushStart' | 'hub.pushStatus';

/** The team hub from the app: entered once in the settings, pushed to in the background with its progress and outcome. */
export function hubHandlers(ws: Workspace, work: LongWork): Pick<Handlers, HubOps> {
  const view = async (): Promise<HubConnectionView> => {
    const c = await pushes.hubConnection(ws.db);
    const done = await pushes.allPushes(ws.db);
    return {
      url: c?.url ?? null,
      tokenSet: c !== undefined && c.token !== '',
      pushes: done
        .reverse()
        .slice(0, 20)
        .map((p) => ({ custodySeq: p.custodySeq, at: p.at, hubUrl: p.hubUrl, hubUser: p.hubUser, captures: p.captures.length, objectsSent: p.objectsSent, receiptSeq: p.receipt.seq })),
    };
  };
  return {
    'hub.connection': view,
    'hub.connect': async (i) => {
      let url: URL;
      try {
        url = new URL(i.url.trim());
      } catch {
        throw new ApiFailure('invalid-input', `not an address: ${i.url}`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ApiFailure('invalid-input', `the hub is reached over http(s), not ${url.protocol}`);
      const token = i.token?.trim() || (await pushes.hubConnection(ws.db))?.token;
      if (!token) throw new ApiFailure('invalid-input', 'the hub needs your token (exhibit hub user add gives it)');
      await pushes.setHubConnection(ws.db, { url: url.origin, token });
      return view();
    },
    'hub.pushStart': async () => {
      const c = await pushes.hubConnection(ws.db);
      if (!c) throw new ApiFailure('refused', 'No hub is entered yet: enter its address and your token first.');
      const started = work.push.start(async (_signal, progress) => {
        const r = await pushWorkspace(ws, c, (p) => progress({ ...p }));
        if (!r.ok) return { kind: 'failed', message: r.error };
        return {
          kind: 'done',
          value: {
            hubUrl: c.url,
            user: r.user,
            objectsSent: r.objectsSent,
            objectsAlreadyThere: r.objectsAlreadyThere,
            bytesSent: r.bytesSent,
            capturesSent: r.capturesSent,
            custodySent: r.commit?.custodyAdded ?? 0,
            receipt: r.commit?.receipt ?? null,
            recorded: r.recorded,
          },
        };
      });
      if (!started.ok) throw new ApiFailure('refused', started.error === 'busy' ? 'A push is under way: its progress shows in the settings.' : 'Exhibit is closing: nothing is started.');
      return work.push.status();
    },
    'hub.pushStatus': async () => work.push.status(),
  };
}
