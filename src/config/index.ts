/** The app-directory model: parse, edit, diff and legacy import of exported App Services apps. */
export type * from "./types.ts";
export { formatJson, parseJsonText } from "./json.ts";
export { checkApp, configError, parseApp, type ParseResult } from "./parse-app.ts";
export { findCollection, parseRelationshipRef } from "./parse-data-sources.ts";
export { isValidFunctionName } from "./parse-functions.ts";
export { mergeIndexes } from "./sandbox-indexes.ts";
export * from "./paths.ts";
export * from "./edit.ts";
export { diffApps, isEmptyDiff, type AppDiff } from "./diff.ts";
export { convertLegacyApp, detectConfigVersion, normalizeAppDirectory, normalizeAppFiles, type ConfigVersion } from "./legacy.ts";
export { appNameFrom, prepareImport, type ImportOptions, type ImportReport } from "./import.ts";
