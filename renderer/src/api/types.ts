// The renderer sees the core only through its types: nothing here reaches the bundle.
export type { ApiError, ApiInput, ApiOperation, ApiOutputs, ApiResponse, CaptureView, CapturedLine } from '../../../electron/core/api/contract.js';
export type { CaseRow } from '../../../electron/core/catalogue/cases.js';
export type { FieldState, FieldValue } from '../../../electron/core/catalogue/fields.js';
export type { CaptureLine, ListingSummary, SellerDetail, SellerSummary } from '../../../electron/core/catalogue/queries.js';
export type { SearchHit, SearchResult } from '../../../electron/core/search/search.js';
export type { CustodyEntry } from '../../../electron/core/workspace/custody.js';
export type { ManifestArtifact } from '../../../electron/core/workspace/manifest.js';
export type { Problem, VerifyReport } from '../../../electron/core/workspace/verify/report.js';
export type { DossierVerifyReport, ExhibitVerdict } from '../../../electron/core/dossier/verify-dossier.js';

export type SellerStatus = 'active' | 'reported' | 'removed';
export const SELLER_STATUSES: readonly SellerStatus[] = ['active', 'reported', 'removed'];
export type { Settings } from '../../../electron/core/workspace/settings.js';
