import { readCustodyLog } from '../../core/workspace/custody.js';
import { EXIT, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';

export const logCommand: Command = {
  name: 'log',
  summary: 'print the custody log',
  usage: 'exhibit log [--subject ID] [--workspace DIR] [--json]',
  help: `Prints the chain-of-custody log, oldest first: number, time (UTC), actor
(investigator and OS user), action, subject and details. Each entry carries
the SHA-256 of the one before it; \`exhibit verify\` checks the chain.

  --subject ID   only the entries about this capture, case or seller`,
  options: { subject: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    return withWorkspace(workspaceDir, async (ws) => {
      const entries = await readCustodyLog(ws.db, typeof values.subject === 'string' ? { subject: values.subject } : {});
      out.data(entries.map((e) => ({ ...e, details: JSON.parse(e.details) as unknown })));
      for (const e of entries) {
        const actor = e.investigator ? `${e.investigator} (${e.osUser})` : e.osUser;
        out.line(`#${e.seq}  ${e.at}  ${actor}  ${e.action}${e.subject ? `  ${e.subject}` : ''}`);
        out.line(`      ${e.details}`);
        out.line(`      hash ${e.hash}  prev ${e.prevHash}`);
      }
      if (entries.length === 0) out.line('No entries.');
      return EXIT.ok;
    }, 'read');
  },
};
