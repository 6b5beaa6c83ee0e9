// Peak resident memory of a process and all its descendants (Chromium's
// renderers included), sampled from /proc every 100 ms. Linux only.
import { readdirSync, readFileSync } from 'node:fs';

function treeRssKb(root) {
  const parents = new Map();
  const rss = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(pid), ppid);
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rss.set(Number(pid), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const [pid, kb] of rss) {
    let p = pid;
    while (p && p !== root && parents.has(p)) p = parents.get(p);
    if (p === root) total += kb;
  }
  return total;
}

export function sampleTree(pid) {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssKb(pid));
  }, 100);
  return () => {
    clearInterval(timer);
    return peak / 1024;
  };
}
