import { readFile } from 'node:fs/promises';
import { identityOf, replaceIdentity, SigningIdentity } from '../../core/identity/identity.js';
import { readPkcs12 } from '../../core/identity/pkcs12.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';

export const identityCommand: Command = {
  name: 'identity',
  summary: 'show or import the certificate dossiers are signed with',
  usage: 'exhibit identity show | import FILE.p12 [--passphrase-file FILE] [--workspace DIR] [--json]',
  help: `Every dossier is a signed PDF (PAdES). A PDF reader shows who signed it from
this certificate. A new workspace makes its own (self-signed, ECDSA P-256,
naming the investigator and organisation); an organisation may import its
own certificate instead, from a PKCS#12 file (.p12 or .pfx).

  show                  the certificate: subject, issuer, validity, SHA-256
  import FILE.p12       sign dossiers with this certificate from now on
    --passphrase-file F read the file's passphrase from F (its first line);
                        otherwise it is asked for, or taken from the
                        EXHIBIT_P12_PASSPHRASE environment variable

The passphrase is used to open the file and never stored. The key is kept in
keys/ (readable by its owner only); the certificate it replaces is kept in
keys/retired/, so dossiers signed with it still match this workspace. Every
change is recorded in the custody log.`,
  options: { 'passphrase-file': { type: 'string' } },
  positionals: { min: 1, max: 2 },
  async run({ values, positionals, out, workspaceDir }) {
    const [verb, file] = positionals;
    if (verb === 'show') {
      if (file !== undefined) throw new UsageError('exhibit identity show takes no file.');
    } else if (verb === 'import') {
      if (file === undefined) throw new UsageError('exhibit identity import FILE.p12: which file?');
    } else {
      throw new UsageError(`Unknown: exhibit identity ${verb}. Use show, or import FILE.p12.`);
    }
    let imported: SigningIdentity | null = null;
    if (verb === 'import') {
      const bytes = await readFile(file!).catch((e: Error) => {
        throw new UsageError(`Cannot read ${file}: ${e.message}. Nothing was changed.`);
      });
      const passphrase = await passphraseFor(file!, values['passphrase-file']);
      const read = await readPkcs12(bytes, passphrase);
      if (!read.ok) throw new UsageError(`${file}: ${read.error.message}. Nothing was changed.`);
      imported = new SigningIdentity(read.value.privateKey, read.value.certificates);
      const c = imported.describe();
      if (new Date(c.notAfter) < new Date()) throw new UsageError(`${file}: its certificate expired on ${c.notAfter.slice(0, 10)}. Nothing was changed.`);
    }
    return withWorkspace(workspaceDir, async (ws) => {
      if (imported) {
        const { replaced } = await replaceIdentity(ws, imported);
        out.line(`Dossiers are now signed with the certificate from ${file}.${replaced ? ` The one it replaces (${replaced}) is kept in keys/retired/.` : ''}`);
      }
      const { identity, created } = await identityOf(ws);
      const c = identity.describe();
      out.data({ ...c, chain: identity.certificates.length - 1, created });
      if (verb === 'show' || !out.json) {
        if (created) out.line('This workspace had no signing certificate: one was made now (recorded in the custody log).');
        out.line(`Subject      ${c.subject}`);
        out.line(`Issuer       ${c.selfSigned ? `${c.issuer} (self-signed)` : c.issuer}`);
        out.line(`Valid        ${c.notBefore.slice(0, 10)} to ${c.notAfter.slice(0, 10)}`);
        out.line(`Key          ${c.keyAlgorithm}`);
        out.line(`SHA-256      ${c.sha256}`);
        if (identity.certificates.length > 1) out.line(`Chain        ${identity.certificates.length - 1} more certificate(s), carried in every signature`);
      }
      return EXIT.ok;
    });
  },
};

async function passphraseFor(file: string, passphraseFile: unknown): Promise<string> {
  if (typeof passphraseFile === 'string') {
    const text = await readFile(passphraseFile, 'utf8').catch((e: Error) => {
      throw new UsageError(`Cannot read --passphrase-file ${passphraseFile}: ${e.message}. Nothing was changed.`);
    });
    return text.split(/\r?\n/)[0] ?? '';
  }
  const fromEnv = process.env.EXHIBIT_P12_PASSPHRASE;
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) throw new UsageError(`${file}: no passphrase given (use --passphrase-file FILE, or run in a terminal to be asked). Nothing was changed.`);
  return askHidden(`Passphrase for ${file}: `);
}

/** Reads a line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const done = (value: string | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (value === null) reject(new UsageError('Cancelled. Nothing was changed.'));
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(typed);
        if (ch === '\u0003' || ch === '\u0004') return done(null);
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
