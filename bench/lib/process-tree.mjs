// Peak resident memory and CPU time of a process and all its descendants
// (Chromium's renderers included), sampled from /proc every 100 ms. Linux
// only. CPU time is each process's user + system time at its last sample: a
// renderer that lives less than 100 ms is missed, so it is a floor.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function snapshot() {
  const procs = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      procs.set(Number(pid), {
        ppid: Number(fields[1]),
        // utime and stime: fields 14 and 15 of stat, counted from the state field (3rd) here
        ticks: Number(fields[11]) + Number(fields[12]),
        // start time tells a reused pid from the process that had it before
        start: fields[19],
        rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
      });
    } catch {
      // the process ended while we looked
    }
  }
  return procs;
}

function descendants(procs, root) {
  const inTree = [];
  for (const pid of procs.keys()) {
    let p = pid;
    while (p && p !== root && procs.has(p)) p = procs.get(p).ppid;
    if (p === root) inTree.push(pid);
  }
  return inTree;
}

/** Returns stop(), which gives the peak RSS in MB; stop.cpuSeconds() gives the tree's CPU time seen, stop.rootCpuSeconds() the root's alone. */
export function sampleTree(root) {
  let peakKb = 0;
  const ticks = new Map();
  const timer = setInterval(() => {
    const procs = snapshot();
    let kb = 0;
    for (const pid of descendants(procs, root)) {
      const p = procs.get(pid);
      kb += p.rssKb;
      ticks.set(`${pid}@${p.start}`, p.ticks);
    }
    peakKb = Math.max(peakKb, kb);
  }, 100);
  const stop = () => {
    clearInterval(timer);
    return peakKb / 1024;
  };
  stop.cpuSeconds = () => [...ticks.values()].reduce((a, b) => a + b, 0) / TICKS_PER_SECOND;
  /** the root process's own CPU time, without its descendants */
  stop.rootCpuSeconds = () => [...ticks.entries()].filter(([k]) => k.startsWith(`${root}@`)).reduce((a, [, t]) => a + t, 0) / TICKS_PER_SECOND;
  return stop;
}
