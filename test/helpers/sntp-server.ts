import { createSocket } from 'node:dgram';

export type SntpMode = 'ok' | 'silent' | 'kiss' | 'wrong-origin' | 'unsynchronised';

export type SntpServer = {
  address: string; // '127.0.0.1:PORT'
  readonly received: number;
  setOffset(ms: number): void;
  setMode(m: SntpMode): void;
  close(): Promise<void>;
};

const NTP_UNIX_OFFSET_S = 2_208_988_800;

function writeNtp(b: Buffer, at: number, ms: number): void {
  const sec = Math.floor(ms / 1000);
  b.writeUInt32BE((sec + NTP_UNIX_OFFSET_S) % 2 ** 32, at);
  b.writeUInt32BE(Math.floor(((ms - sec * 1000) / 1000) * 2 ** 32), at + 4);
}

/**
 * A real SNTP server (RFC 5905 replies) on UDP 127.0.0.1, whose clock runs offsetMs ahead of ours.
 * delayMs holds each request before the server stamps it, like a slow path in: it counts in the round trip.
 */
export async function startSntpServer(o: { offsetMs?: number; mode?: SntpMode; delayMs?: number } = {}): Promise<SntpServer> {
  let offsetMs = o.offsetMs ?? 0;
  let mode: SntpMode = o.mode ?? 'ok';
  const delayMs = o.delayMs ?? 0;
  let received = 0;
  const timers = new Set<NodeJS.Timeout>();
  const socket = createSocket('udp4');

  socket.on('message', (req, from) => {
    received++;
    if (mode === 'silent' || req.length < 48) return;
    const answer = () => {
      const t2 = Date.now() + offsetMs;
      const res = Buffer.alloc(48);
      const li = mode === 'unsynchronised' ? 3 : 0;
      const kiss = mode === 'kiss';
      res[0] = (li << 6) | (4 << 3) | 4; // version 4, mode 4 (server)
      res[1] = kiss ? 0 : 2;
      res[2] = req[2]!; // poll, echoed
      res.writeInt8(-20, 3); // precision about 1 µs
      res.writeUInt32BE(0x0000_0100, 4); // root delay 1/256 s
      res.writeUInt32BE(0x0000_0100, 8); // root dispersion
      res.write(kiss ? 'RATE' : 'TEST', 12, 'latin1');
      const t3 = Date.now() + offsetMs;
      writeNtp(res, 16, t3 - 60_000); // reference: last set a minute ago
      req.copy(res, 24, 40, 48); // originate = the client's transmit timestamp
      if (mode === 'wrong-origin') res[31] = res[31]! ^ 0xff;
      writeNtp(res, 32, t2);
      writeNtp(res, 40, t3);
      socket.send(res, from.port, from.address);
    };
    if (delayMs <= 0) return answer();
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, delayMs);
    timers.add(timer);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const { port } = socket.address();

  return {
    address: `127.0.0.1:${port}`,
    get received() {
      return received;
    },
    setOffset: (ms) => void (offsetMs = ms),
    setMode: (m) => void (mode = m),
    close: () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}
