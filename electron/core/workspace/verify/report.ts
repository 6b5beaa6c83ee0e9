/** Where a problem sits, so the investigator can point at it. */
export type ProblemArea = 'database' | 'key' | 'custody' | 'capture' | 'artifact' | 'object' | 'timestamp' | 'catalogue' | 'settings';

export interface Problem {
  area: ProblemArea;
  /** e.g. "capture 01J… artifact screenshot-full.png", "custody entry #42" */
  where: string;
  message: string;
}

export interface VerifyReport {
  /** true only when every check ran to the end and found nothing: a cancelled run is never OK */
  ok: boolean;
  /** stopped before every check had run: what was found is reported, but nothing is verified */
  cancelled: boolean;
  workspace: string;
  publicKeyFingerprint: string;
  counts: { objects: number; objectBytes: number; captures: number; artifacts: number; custodyEntries: number; timestamps: number; pendingTimestamps: number };
  chainHead: { seq: number; hash: string } | null;
  /** the signed head copied outside the database (custody-head.json), as read */
  custodyAnchor: { seq: number; hash: string } | null;
  /** the latest custody head an authority's token stamps, matching the log */
  stampedHead: { seq: number; hash: string; authorityUrl: string; genTime: string } | null;
  problems: Problem[];
  /** things worth knowing that are not evidence problems */
  notices: string[];
  startedAt: string;
  durationMs: number;
  /** where the time went */
  phasesMs: { database: number; custody: number; captures: number; objects: number };
}
