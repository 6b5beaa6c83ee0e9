import { join } from 'node:path';
import type { BatchProgress } from '../capture/batch-run.js';
import type { DossierProgress, MadeDossier } from '../dossier/make-dossier.js';
import type { VerifyReport } from '../workspace/verify/report.js';
import type { Workspace } from '../workspace/workspace.js';
import { BackgroundJob, type JobStatus } from './background-job.js';

export type MadeDossierFile = MadeDossier & { fileName: string };
export type DossierJobStatus = JobStatus<DossierProgress, MadeDossierFile>;

/** How far a verification is: captures checked against their manifests, objects re-hashed; null until the part has begun. */
export interface VerifyJobProgress {
  captures: { done: number; total: number } | null;
  objects: { done: number; total: number } | null;
}
export type VerifyJobStatus = JobStatus<VerifyJobProgress, VerifyReport>;
export type BatchJobStatus = JobStatus<BatchProgress, BatchProgress>;

/** How far a push to the team hub is (as hub/push.ts reports it). */
export interface HubPushProgress {
  objectsToSend: number;
  objectsSent: number;
  bytesSent: number;
}

/** How a push to the team hub ended: what travelled, what the hub had, its receipt; a refusal is the job's failure, with the hub's reason. */
export interface HubPushDone {
  hubUrl: string;
  user: string;
  objectsSent: number;
  objectsAlreadyThere: number;
  bytesSent: number;
  capturesSent: number;
  custodySent: number;
  receipt: { seq: number; hash: string } | null;
  recorded: number | null;
}
export type HubPushJobStatus = JobStatus<HubPushProgress, HubPushDone>;

/**
 * The process's long work, beside its re-capture scheduler: one dossier and
 * one verification at a time, each followed by polling and cancellable.
 * Whoever owns the workspace stops it before closing the workspace.
 */
export class LongWork {
  readonly dossier = new BackgroundJob<DossierProgress, MadeDossierFile>();
  readonly verify = new BackgroundJob<VerifyJobProgress, VerifyReport>();
  readonly batch = new BackgroundJob<BatchProgress, BatchProgress>();
  readonly push = new BackgroundJob<HubPushProgress, HubPushDone>();

  async stop(): Promise<void> {
    await Promise.all([this.dossier.stop(), this.verify.stop(), this.batch.stop(), this.push.stop()]);
  }
}

/** Where the desktop app and `exhibit serve` write dossiers: inside the workspace, beside the evidence they show. */
export const dossierFolder = (ws: Workspace) => join(ws.dir, 'dossiers');
