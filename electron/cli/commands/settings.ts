import { EXIT, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { table } from '../output.js';

export const settingsCommand: Command = {
  name: 'settings',
  summary: 'show or change the investigator and organisation',
  usage: 'exhibit settings [--investigator NAME] [--organisation ORG] [--workspace DIR] [--json]',
  help: `Without options, shows the settings. A change is recorded in the custody
log with the old and the new value.`,
  options: { investigator: { type: 'string' }, organisation: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    return withWorkspace(workspaceDir, async (ws) => {
      const patch: { investigator?: string; organisation?: string } = {};
      if (typeof values.investigator === 'string') patch.investigator = values.investigator;
      if (typeof values.organisation === 'string') patch.organisation = values.organisation;
      const s = Object.keys(patch).length > 0 ? await ws.updateSettings(patch) : await ws.settings();
      out.data({ workspace: ws.dir, ...s, publicKeyFingerprint: ws.key.fingerprint });
      out.line(table([['Workspace', ws.dir], ['Investigator', s.investigator || '(not set)'], ['Organisation', s.organisation || '(not set)'], ['Key fingerprint', ws.key.fingerprint]]));
      return EXIT.ok;
    });
  },
};
