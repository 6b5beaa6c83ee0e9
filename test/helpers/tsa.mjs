// A real RFC 3161 time-stamping authority on 127.0.0.1 for the tests and the
// benchmarks: OpenSSL signs (`openssl ts -reply`), node:http serves. Plain
// JavaScript so the benchmarks can run it too; its types are in tsa.d.mts.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
const run = promisify(execFile);
const LEAF = 'basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n';
const EKU_LINES = { critical: 'extendedKeyUsage = critical,timeStamping\n', 'non-critical': 'extendedKeyUsage = timeStamping\n', none: '' };
const EXTENSIONS = [
  '[root]\nbasicConstraints = critical,CA:true\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n',
  ...Object.entries(EKU_LINES).map(([eku, line]) => `[${section(eku)}]\n${LEAF}${line}`),
].join('');
function section(eku) {
  return `tsa_${eku.replace('-', '_')}`;
}
// RFC 3161 §2.4.2 PKIStatusInfo with status rejection (2), a text and failInfo badRequest (bit 2).
const REJECTION = Buffer.from(new asn1js.Sequence({
  value: [
    new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: 2 }),
        new asn1js.Sequence({ value: [new asn1js.Utf8String({ value: 'test rejection' })] }),
        new asn1js.BitString({ valueHex: new Uint8Array([0x20]), unusedBits: 5 }),
      ],
    }),
  ],
}).toBER());
export async function startTsa(options = {}) {
  const eku = options.eku ?? 'critical';
  const name = options.name ?? 'Exhibit Test TSA';
  const dir = mkdtempSync(join(tmpdir(), 'exhibit-tsa-'));
  const p = (file) => join(dir, file);
  try {
    await makePki(dir, name, eku);
  }
  catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let seq = 0;
  // One openssl at a time: the serial file is read and rewritten on every reply.
  let queue = Promise.resolve();
  const reply = (query) => {
    const n = ++seq;
    const job = queue.then(() => signReply(dir, query, n, eku));
    queue = job.catch(() => undefined);
    return job;
  };
  const server = createServer((req, res) => {
    tsa.requests++;
    handle(req, res).catch((e) => {
      if (res.headersSent)
        res.destroy();
      else
        send(res, 500, 'text/plain', Buffer.from(String(e)));
    });
  });
  const handle = async (req, res) => {
    const body = await readBody(req);
    const mode = tsa.mode;
    if (mode === 'hang')
      return; // never answered; close() destroys the socket
    if (req.method !== 'POST')
      return send(res, 405, 'text/plain', Buffer.from('POST a time-stamp query'));
    if (mode === 'http-error')
      return send(res, 500, 'text/plain', Buffer.from('internal error (test)'));
    // 'g' opens an ASN.1 header whose length runs past the end: never parses as DER.
    if (mode === 'garbage')
      return send(res, 200, 'application/timestamp-reply', Buffer.concat([Buffer.from('garbage:'), randomBytes(56)]));
    if (mode === 'rejection')
      return send(res, 200, 'application/timestamp-reply', REJECTION);
    send(res, 200, 'application/timestamp-reply', await reply(body));
  };
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = server.address().port;
  let closed = false;
  const tsa = {
    url: `http://127.0.0.1:${port}/tsr`,
    rootPem: readFileSync(p('root.pem'), 'utf8'),
    rootPath: p('root.pem'),
    tsaCertPem: readFileSync(p('tsa.pem'), 'utf8'),
    dir,
    requests: 0,
    mode: 'ok',
    setMode(mode) {
      if (closed)
        throw new Error('the TSA is closed');
      const wasDown = tsa.mode === 'down';
      tsa.mode = mode;
      if (mode === 'down' && !wasDown) {
        // Keep-alive sockets would otherwise still reach a server that should be gone.
        server.close();
        server.closeAllConnections();
      }
      else if (mode !== 'down' && wasDown) {
        // Binding an IP literal happens synchronously, so the very next request finds it listening.
        server.listen(port, '127.0.0.1');
      }
    },
    async close() {
      if (closed)
        return;
      closed = true;
      const stopped = new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      server.closeAllConnections();
      await stopped;
      await queue;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return tsa;
}
async function makePki(dir, name, eku) {
  const p = (file) => join(dir, file);
  writeFileSync(p('ext.cnf'), EXTENSIONS);
  const subject = (cn) => `/C=GB/O=Exhibit Tests/CN=${cn}`;
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('root.key'), '-out', p('root.pem'), '-days', '3650', '-subj', subject(`${name} Root CA`), '-config', p('ext.cnf'), '-extensions', 'root']);
  await openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('tsa.key'), '-out', p('tsa.csr'), '-subj', subject(name), '-config', p('ext.cnf')]);
  const issue = (out, section, serial) => openssl(['x509', '-req', '-in', p('tsa.csr'), '-CA', p('root.pem'), '-CAkey', p('root.key'), '-set_serial', serial, '-days', '3650', '-extfile', p('ext.cnf'), '-extensions', section, '-out', p(out)]);
  await issue('tsa.pem', section(eku), '2');
  // openssl ts refuses to sign with a certificate RFC 3161 forbids; it signs with a compliant twin
  // (same key, same name) and signReply re-signs the TSTInfo with the faulty certificate.
  if (eku !== 'critical')
    await issue('signer.pem', section('critical'), '3');
  writeFileSync(p('serial'), '01\n');
  writeFileSync(p('tsa.cnf'), [
    '[tsa]', 'default_tsa = tsa_config', '', '[tsa_config]',
    `serial = ${p('serial')}`,
    `signer_cert = ${p(eku === 'critical' ? 'tsa.pem' : 'signer.pem')}`,
    `signer_key = ${p('tsa.key')}`,
    `certs = ${p('root.pem')}`,
    'default_policy = 1.2.3.4.1', 'digests = sha256, sha512', 'signer_digest = sha256', 'accuracy = secs:1',
    'ordering = no', 'tsa_name = yes', 'ess_cert_id_chain = no', 'ess_cert_id_alg = sha256', '',
  ].join('\n'));
}
async function signReply(dir, query, n, eku) {
  const p = (file) => join(dir, file);
  const q = p(`q-${n}.tsq`);
  const r = p(`r-${n}.tsr`);
  writeFileSync(q, query);
  const reply = ['ts', '-reply', '-config', p('tsa.cnf'), '-queryfile', q];
  if (eku === 'critical') {
    await openssl([...reply, '-out', r]);
    return readFileSync(r);
  }
  const t0 = p(`t-${n}.der`);
  const tst = p(`tst-${n}.der`);
  const t1 = p(`t1-${n}.der`);
  await openssl([...reply, '-token_out', '-out', t0]);
  await openssl(['cms', '-verify', '-noverify', '-inform', 'DER', '-in', t0, '-binary', '-out', tst]);
  await openssl(['cms', '-sign', '-binary', '-nodetach', '-nosmimecap', '-md', 'sha256', '-econtent_type', '1.2.840.113549.1.9.16.1.4', '-in', tst,
    '-signer', p('tsa.pem'), '-inkey', p('tsa.key'), '-certfile', p('root.pem'), '-outform', 'DER', '-out', t1]);
  const token = asn1js.fromBER(new Uint8Array(readFileSync(t1))).result;
  const granted = new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 })] });
  return Buffer.from(new asn1js.Sequence({ value: [granted, token] }).toBER());
}
async function openssl(args) {
  try {
    await run('openssl', args, { timeout: 30_000 });
  }
  catch (e) {
    const stderr = e.stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(e)}`);
  }
}
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
function send(res, status, type, body) {
  // No keep-alive: a client must not reuse a socket into a server that has since gone 'down'.
  res.writeHead(status, { 'content-type': type, 'content-length': body.length, connection: 'close' });
  res.end(body);
}
