// CPU time a process and its descendants have used, from /proc (Linux). On a shared machine the
// wall-clock rate drifts with other people's load; CPU per request does not.
import fs from 'node:fs';

const TICKS_PER_SECOND = 100;

function stat(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** Milliseconds of CPU (user + system) used so far by `rootPid` and every live descendant. */
export function processTreeCpuMs(rootPid: number): number {
  const all = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  const stats = new Map(all.flatMap((pid) => {
    const found = stat(pid);
    return found ? [[pid, found] as const] : [];
  }));
  let ticks = 0;
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, { ppid }] of stats) if (ppid === pid) queue.push(child);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
