/** Where a problem sits, so the investigator can point at it. */
export type ProblemArea = 'database' | 'key' | 'custody' | 'capture' | 'artifact' | 'object';

export interface Problem {
  area: ProblemArea;
  /** e.g. "capture 01J… artifact screenshot-full.png", "custody entry #42" */
  where: string;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  workspace: string;
  publicKeyFingerprint: string;
  counts: { objects: number; objectBytes: number; captures: number; artifacts: number; custodyEntries: number };
  chainHead: { seq: number; hash: string } | null;
  problems: Problem[];
  /** things worth knowing that are not evidence problems */
  notices: string[];
  startedAt: string;
  durationMs: number;
  /** where the time went */
  phasesMs: { database: number; custody: number; captures: number; objects: number };
}
