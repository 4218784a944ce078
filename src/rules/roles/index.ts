/**
 * Query roles and filters of MongoDB data sources, and partition-based Sync
 * permissions: pure decisions over documents, with an optional trace.
 * https://www.mongodb.com/docs/atlas/app-services/rules/roles/
 */
export { compileRules, rulesGeneration, type CompiledRole, type CompiledRules, type FieldNode, type Permission, type RulesGeneration } from "./compile.ts";
export type { WriteDecision, WriteKind } from "./decide.ts";
export { effectiveRules, RuleEvaluator } from "./evaluator.ts";
export { restrictQuery, type AppliedFilters } from "./filters.ts";
export { expressionScope, type ExpressionScope } from "./scope.ts";
export type { MaybePromise, RuleRequest } from "./session.ts";
export { evaluateSyncPermissions, syncPermissions, type SyncPermissionOptions, type SyncPermissions } from "./sync-permissions.ts";
export {
  createRulesTrace,
  formatDecisionTrace,
  type DecisionOperation,
  type DocumentDecision,
  type FieldOutcome,
  type FilterOutcome,
  type PermissionOutcome,
  type RoleAttempt,
  type RulesTrace,
} from "./trace.ts";
