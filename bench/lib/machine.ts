/** What the figures were measured on. */
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  node: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  /** 1-minute load average when the bench started (the machine is shared: a high load means noisy figures). */
  load: number;
}

export function machine(): Machine {
  const c = cpus();
  return {
    node: process.version,
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    load: Math.round(loadavg()[0]! * 100) / 100,
  };
}

export function describeMachine(m: Machine): string {
  return `Node ${m.node} on ${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, ${m.platform}; load average ${m.load} at start`;
}
