import { readFile } from 'node:fs/promises';
import { addAuthority, describeAuthorityError, listAuthorities, parseRootPem, removeAuthority } from '../../core/workspace/timestamps.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';

export const tsaCommand: Command = {
  name: 'tsa',
  summary: 'list, add or remove the time-stamping authorities',
  usage: 'exhibit tsa list | add URL [--root CA.pem] [--name NAME] | remove URL [--workspace DIR] [--json]',
  help: `Every capture's signed manifest, and the workspace key, are sent (as their
SHA-256 only) to each authority listed here, and the RFC 3161 token each
returns is kept with the capture. A new workspace asks DigiCert and Sectigo's
eIDAS-qualified service.

  list              the authorities asked, in order, with their roots
  add URL           ask this authority too (http:// or https:// only)
    --root CA.pem   trust this root certificate for its tokens (e.g. your
                    organisation's own authority); recorded in custody
    --name NAME     how dossiers name it (default: its host name)
  remove URL        ask it no more (tokens it gave stay, and stay checked)

Every change is recorded in the custody log.`,
  options: { root: { type: 'string' }, name: { type: 'string' } },
  positionals: { min: 1, max: 2 },
  async run({ values, positionals, out, workspaceDir }) {
    const [verb, url] = positionals;
    if (verb === 'list') {
      if (url !== undefined) throw new UsageError('exhibit tsa list takes no URL.');
    } else if (verb === 'add' || verb === 'remove') {
      if (url === undefined) throw new UsageError(`exhibit tsa ${verb} URL: which authority?`);
    } else {
      throw new UsageError(`Unknown: exhibit tsa ${verb}. Use list, add URL or remove URL.`);
    }
    let rootPem: string | undefined;
    if (typeof values.root === 'string') {
      if (verb !== 'add') throw new UsageError('--root goes with exhibit tsa add.');
      rootPem = await readFile(values.root, 'utf8').catch((e: Error) => {
        throw new UsageError(`Cannot read --root ${values.root}: ${e.message}`);
      });
      const roots = parseRootPem(rootPem);
      if (!roots.ok) throw new UsageError(`--root ${values.root}: ${describeAuthorityError(roots.error)}`);
    }
    return withWorkspace(workspaceDir, async (ws) => {
      if (verb === 'add') {
        const added = await addAuthority(ws.db, { url: url!, ...(rootPem !== undefined ? { rootPem } : {}), ...(typeof values.name === 'string' ? { name: values.name } : {}) });
        if (!added.ok) throw new UsageError(`${describeAuthorityError(added.error)} Nothing was changed.`);
        out.line(`Added ${added.value.url} (${added.value.name}).`);
      } else if (verb === 'remove') {
        const removed = await removeAuthority(ws.db, url!);
        if (!removed.ok) throw new UsageError(`${describeAuthorityError(removed.error)} Nothing was changed.`);
        out.line(`Removed ${removed.value.url}: it is asked no more; the tokens it gave stay and are still checked.`);
      }
      const authorities = await listAuthorities(ws.db);
      const shown = authorities.map((a) => {
        const roots = a.roots ? parseRootPem(a.roots) : null;
        return { url: a.url, name: a.name, minIntervalMs: a.minIntervalMs, addedAt: a.addedAt, roots: roots?.ok ? roots.value.map((r) => ({ subject: r.subject, sha256: r.sha256 })) : [] };
      });
      out.data(shown);
      if (verb === 'list' || !out.json) {
        if (shown.length === 0) out.line('No time-stamping authority: captures stay "time-stamp pending". Add one with exhibit tsa add URL.');
        for (const a of shown) {
          out.line(`${a.url}  ${a.name}${a.minIntervalMs ? `  (at most one request every ${a.minIntervalMs / 1000} s)` : ''}`);
          for (const r of a.roots) out.line(`    root you added: ${r.subject}  SHA-256 ${r.sha256}`);
        }
      }
      return EXIT.ok;
    });
  },
};
