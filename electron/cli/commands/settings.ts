import { checkedSettings } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { checkBrowserPath } from '../../core/capture/browser/check-browser-path.js';
import { ntpServerList } from '../../core/timestamp/clock.js';
import { parseNtpServer } from '../../core/timestamp/sntp.js';
import { withWorkspace } from '../open-workspace.js';
import { table } from '../output.js';

export const settingsCommand: Command = {
  name: 'settings',
  summary: 'show or change the investigator, organisation, NTP servers and browser',
  usage: 'exhibit settings [--investigator NAME] [--organisation ORG] [--ntp-servers LIST] [--browser PATH] [--workspace DIR] [--json]',
  help: `Without options, shows the settings. A change is recorded in the custody
log with the old and the new value.

  --ntp-servers LIST   the NTP servers the clock is checked against at each
                       capture session (comma-separated host or host:port;
                       "" for the defaults, "none" to check none)
  --browser PATH       the full path of the Chromium, Chrome or Edge captures
                       run ("" to let Exhibit find one). Set here or in the
                       desktop app only: \`exhibit serve\` does not take it`,
  options: { investigator: { type: 'string' }, organisation: { type: 'string' }, 'ntp-servers': { type: 'string' }, browser: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values, out, workspaceDir }) {
    return withWorkspace(workspaceDir, async (ws) => {
      const patch: { investigator?: string; organisation?: string; ntpServers?: string; browserPath?: string } = {};
      if (typeof values.browser === 'string') {
        const path = values.browser.trim();
        const checked = path === '' ? null : await checkBrowserPath(path);
        if (checked && !checked.ok) throw new UsageError(`--browser: ${checked.error} Nothing was changed.`);
        patch.browserPath = path;
      }
      if (typeof values['ntp-servers'] === 'string') {
        const list = ntpServerList(values['ntp-servers']);
        const bad = list.map(parseNtpServer).find((r) => !r.ok);
        if (bad && !bad.ok) throw new UsageError(`--ntp-servers: ${bad.error}. Nothing was changed.`);
        patch.ntpServers = values['ntp-servers'].trim() === '' ? '' : values['ntp-servers'].trim().toLowerCase() === 'none' ? 'none' : list.join(', ');
      }
      if (typeof values.investigator === 'string') patch.investigator = values.investigator;
      if (typeof values.organisation === 'string') patch.organisation = values.organisation;
      const s = Object.keys(patch).length > 0 ? await ws.updateSettings(checkedSettings(patch)) : await ws.settings();
      out.data({ workspace: ws.dir, ...s, publicKeyFingerprint: ws.key.fingerprint });
      out.line(table([['Workspace', ws.dir], ['Investigator', s.investigator || '(not set)'], ['Organisation', s.organisation || '(not set)'], ['Key fingerprint', ws.key.fingerprint], ['NTP servers', ntpServerList(s.ntpServers).join(', ') || 'none (the clock is not checked)'], ['Browser', s.browserPath || '(found on this machine)']]));
      return EXIT.ok;
    }, typeof values.investigator === 'string' || typeof values.organisation === 'string' || typeof values['ntp-servers'] === 'string' ? 'write' : 'read');
  },
};
