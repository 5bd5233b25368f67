// The importer's public face: parse listening-history files, preview, import.
export { IMPORT_FORMATS, isImportFormat, ImportFileError } from './types.js';
export type {
  ImportFormat,
  ImportedPlay,
  ImportRow,
  ImportProgress,
  FileSkipReason,
  ParseOptions,
} from './types.js';
export { detectFormat } from './detect-format.js';
export { playIdentity, importId } from './identity.js';
export { ImportPlanner, previewRows, tooOldLabel } from './preview.js';
export type {
  ImportTarget,
  ImportPreview,
  ServicePreview,
  ReasonCount,
  ReasonExample,
  PlannedPlay,
  PlannerOptions,
} from './preview.js';
export {
  parseRows,
  rowParser,
  resolveFormat,
  readImportFile,
  planImportFile,
} from './read-import.js';
export type { FilePreview, FileRows, PlanOptions, ReadOptions } from './read-import.js';
export { parseUtcOffset, formatUtcOffset } from './utc-offset.js';
export { ImportService, ImportServiceError, IMPORT_SOURCE } from './import-service.js';
export type {
  ImportQueue,
  ImportResult,
  ImportOptions,
  ImportServiceOptions,
} from './import-service.js';
