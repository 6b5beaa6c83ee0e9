import { describeWorkspaceError } from '../../core/workspace/errors.js';
import { Workspace } from '../../core/workspace/workspace.js';
import { checkedSettings } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { table } from '../output.js';
import { stampStatus } from '../../core/workspace/timestamps.js';
import { withStamping } from '../stamping.js';
import { describeStampShort, stampEntries } from '../describe-stamp.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'create a workspace and its signing key',
  usage: 'exhibit init [--investigator NAME] [--organisation ORG] [--workspace DIR] [--json]',
  help: `Creates an evidence workspace in a new or empty folder: the database, the
object store and an Ed25519 signing key (readable by you only). Prints the
key's fingerprint: note it down; dossiers and exports print it too.

  --investigator NAME   your name, recorded with every custody event
  --organisation ORG    your organisation, printed on dossiers`,
  options: {
    investigator: { type: 'string' },
    organisation: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    const settings = checkedSettings({
      investigator: typeof values.investigator === 'string' ? values.investigator : undefined,
      organisation: typeof values.organisation === 'string' ? values.organisation : undefined,
    });
    const made = await Workspace.init(workspaceDir, Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)));
    if (!made.ok) throw new UsageError(describeWorkspaceError(made.error));
    const ws = made.value;
    try {
      // The key's fingerprint is stamped now, so its age is vouched for by a third party.
      await withStamping(ws, out, () => Promise.resolve(), { always: true });
      const keyStamp = await stampStatus(ws.db, 'key', ws.key.fingerprint.replace(/ /g, ''));
      const s = await ws.settings();
      out.data({ workspace: ws.dir, publicKeyFingerprint: ws.key.fingerprint, investigator: s.investigator, organisation: s.organisation, keyTimestamps: stampEntries(keyStamp) });
      out.line(`Created an Exhibit workspace.\n`);
      out.line(
        table([
          ['Workspace', ws.dir],
          ['Key fingerprint', `${ws.key.fingerprint} (Ed25519, SHA-256)`],
          ['Key time-stamp', describeStampShort(keyStamp)],
          ['Investigator', s.investigator || '(not set: exhibit settings --investigator NAME)'],
          ['Organisation', s.organisation || '(not set)'],
        ]),
      );
    } finally {
      await ws.close();
    }
    return EXIT.ok;
  },
};
