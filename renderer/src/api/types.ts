// The renderer sees the core only through its types: nothing here reaches the bundle.
import type { Programme } from '../../../electron/core/takedown/reports.js';

export type { ApiError, ApiInput, ApiOperation, ApiOutputs, ApiResponse, CaptureView, CapturedLine, HubPush, HubSession } from '../../../electron/core/api/contract.js';
export type { CaseRow } from '../../../electron/core/catalogue/cases.js';
export type { FieldState, FieldValue } from '../../../electron/core/catalogue/fields.js';
export type { CaptureLine, ListingSummary, SellerDetail, SellerSummary } from '../../../electron/core/catalogue/queries.js';
export type { CaptureThumbnail } from '../../../electron/core/store/ui-views.js';
export type { SearchHit, SearchResult } from '../../../electron/core/search/search.js';
export type { CustodyEntry } from '../../../electron/core/workspace/custody.js';
export type { ManifestArtifact } from '../../../electron/core/workspace/manifest.js';
export type { Problem, VerifyReport } from '../../../electron/core/workspace/verify/report.js';
export type { DossierVerifyReport, ExhibitVerdict } from '../../../electron/core/dossier/verify-dossier.js';

export type SellerStatus = 'active' | 'reported' | 'removed';
export const SELLER_STATUSES: readonly SellerStatus[] = ['active', 'reported', 'removed'];
export type { Settings } from '../../../electron/core/workspace/settings.js';

export type { TakedownLine } from '../../../electron/core/api/contract.js';
export type { WatchRule, WatchTargetKind } from '../../../electron/core/watch/rules.js';
export type { FinishedView, LabelledResult, RecaptureStatus, RunningView } from '../../../electron/core/watch/scheduler.js';
export type { QueuedJob } from '../../../electron/core/watch/queue-status.js';
export type { MonitorRunView, MonitorsStatus } from '../../../electron/core/watch/monitor-runner.js';
export type { MonitorProgress, MonitorRunSummary } from '../../../electron/core/fakes/monitor-run.js';
export type { ListingTimeline, SellerTimeline, SellerTimelineEvent, StorefrontEvent, TakedownReport, TakedownState, TimelineEvent, TimelineEventKind, TraderDetailsEvent } from '../../../electron/core/watch/timeline.js';
export type { Classification, FieldChange } from '../../../electron/core/watch/classify.js';
export type { Programme } from '../../../electron/core/takedown/reports.js';

/** The programmes a report goes through, as takedown.add accepts them (electron/core/takedown/reports.ts). */
export const PROGRAMMES: readonly Programme[] = ['amazon-brand-registry', 'ebay-vero', 'alibaba-ipp', 'other'];

export type { CaptureNote } from '../../../electron/core/catalogue/notes.js';
export type { WorkspaceInfo } from '../../../electron/core/api/contract.js';
export type { BrowserChoice } from '../../../electron/core/capture/browser/find-browser.js';
export type { JobOutcome, JobStatus } from '../../../electron/core/api/background-job.js';
export type { DossierJobStatus, MadeDossierFile, VerifyJobProgress, VerifyJobStatus } from '../../../electron/core/api/long-work.js';
export type { HubPushDone, HubPushJobStatus } from '../../../electron/core/api/long-work.js';
export type { HubConnectionView } from '../../../electron/core/api/contract.js';
export type { DossierProgress } from '../../../electron/core/dossier/make-dossier.js';
export type { BrowserCaptured, BrowserCommand, BrowserPanelState } from '../../../electron/core/api/browser-panel-contract.js';
export type { AuthorityView, StampRunResult } from '../../../electron/core/api/contract.js';
export type { StampStatus, TimestampRecord } from '../../../electron/core/workspace/timestamps.js';
export type { BatchLine } from '../../../electron/core/capture/batch-run.js';
export type { ScreenshotComparison, ScreenshotLayout } from '../../../electron/core/api/viewer-handlers.js';
export type { DiffRegion } from '../../../electron/core/imaging/screenshot-diff.js';
export type { CustodyLine } from '../../../electron/core/dossier/custody-lines.js';
export type { DossierCheck, DossierCheckResult, DossierRecordView } from '../../../electron/core/dossier/dossier-records.js';
export type { CaseCapture, CaseCaptureVia, CaseDetail, CaseDossier } from '../../../electron/core/catalogue/case-detail.js';
export type { FiledUnderSeller } from '../../../electron/core/catalogue/file-under-seller.js';

export type { QueueItem, Decided } from '../../../electron/core/fakes/triage.js';
export type { ListingScore } from '../../../electron/core/fakes/listing-score.js';
export type { Reason } from '../../../electron/core/fakes/score.js';
import type { ReasonCode, ReasonParams } from '../../../electron/core/fakes/reasons.js';
/** The words of each reason code: a code without its words does not compile. */
export type ReasonWords = { [K in ReasonCode]: (p: ReasonParams[K]) => string };
