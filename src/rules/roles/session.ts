import type { JsonObject } from "../../config/types.ts";
import {
  ExpressionError,
  ExpressionTrace,
  evaluateExpression,
  evaluateExpressionSync,
  type ExpressionContext,
  type TraceEntry,
} from "../expressions/index.ts";
import type { CompiledRole, CompiledRules, ExpressionPermission, Permission } from "./compile.ts";
import type { DocumentDecision, PermissionOutcome } from "./trace.ts";

/**
 * Decisions are written once, as generators that yield each expression to evaluate.
 * `run` drives them synchronously and switches to awaiting only at the first
 * expression that contains `%function`, so function-free rules never create a promise.
 */
export interface Step {
  expr: JsonObject;
  ctx: ExpressionContext;
  where: string;
  trace: ExpressionTrace | undefined;
  wait: boolean;
}

export type Steps<T> = Generator<Step, T, boolean>;
export type MaybePromise<T> = T | Promise<T>;

export function run<T>(steps: Steps<T>): MaybePromise<T> {
  let next = steps.next(false);
  while (!next.done) {
    const step = next.value;
    if (step.wait) return finish(steps, step);
    next = steps.next(evaluateNow(step));
  }
  return next.value;
}

async function finish<T>(steps: Steps<T>, first: Step): Promise<T> {
  let next = steps.next(await evaluateLater(first));
  while (!next.done) {
    const step = next.value;
    next = steps.next(step.wait ? await evaluateLater(step) : evaluateNow(step));
  }
  return next.value;
}

function evaluateNow(step: Step): boolean {
  try {
    return evaluateExpressionSync(step.expr, step.ctx, step.trace);
  } catch (error) {
    throw located(error, step.where);
  }
}

async function evaluateLater(step: Step): Promise<boolean> {
  try {
    return await evaluateExpression(step.expr, step.ctx, step.trace);
  } catch (error) {
    throw located(error, step.where);
  }
}

function located(error: unknown, where: string): unknown {
  return error instanceof ExpressionError ? error.atPath(where) : error;
}

/** Who is asking, as the expansions see it. */
export interface RuleRequest {
  user?: Record<string, unknown>;
  request?: Record<string, unknown>;
  values?: Record<string, unknown>;
  environment?: { tag: string; values: Record<string, unknown> };
  /** `%%partition`, for Sync permissions. */
  partition?: unknown;
  callFunction?: (name: string, args: unknown[]) => unknown;
}

/** The document a decision is about, with results that hold for the whole document. */
export interface DocScope {
  ctx: ExpressionContext;
  memo: Map<ExpressionPermission, boolean> | undefined;
}

/** A field's value after and before the operation (`%%this`, `%%prev`). */
export interface FieldValues {
  after: unknown;
  before: unknown;
}

/**
 * The evaluation state of one request: the caller's context and the results of
 * expressions that read no document, which are computed once and reused for every
 * document (the common `apply_when` such as `{}` or `{"%%user.data.email": …}`).
 */
export class RuleSession {
  readonly base: ExpressionContext;
  private readonly memo = new Map<ExpressionPermission, boolean>();
  private readonly memoEntries = new Map<ExpressionPermission, TraceEntry[]>();

  constructor(
    readonly rules: CompiledRules,
    request: RuleRequest,
  ) {
    this.base = documentContext(request, undefined, undefined);
  }

  scope(root: unknown, prevRoot: unknown): DocScope {
    return { ctx: documentContext(this.base, root, prevRoot), memo: undefined };
  }

  /** Evaluates one permission; `sink` receives its outcome when tracing. */
  *check(p: Permission, name: string, doc: DocScope | undefined, field: FieldValues | undefined, sink: PermissionOutcome[] | undefined): Steps<boolean> {
    if (p.kind === "constant") {
      sink?.push({ name, where: p.where, result: p.value, source: p.source });
      return p.value;
    }
    const scope = p.scope;
    const memo = !scope.document ? this.memo : !scope.field && doc ? (doc.memo ??= new Map()) : undefined;
    const known = memo?.get(p);
    if (known !== undefined) {
      if (sink) {
        const shared = memo === this.memo;
        sink.push({ name, where: p.where, result: known, source: "expression", cached: shared, entries: shared ? this.memoEntries.get(p) : undefined });
      }
      return known;
    }
    const ctx = field ? fieldContext(doc?.ctx ?? this.base, field) : (doc?.ctx ?? this.base);
    const trace = sink ? new ExpressionTrace() : undefined;
    const result: boolean = yield { expr: p.expr, ctx, where: p.where, trace, wait: scope.async };
    memo?.set(p, result);
    if (sink && trace) {
      if (memo === this.memo) this.memoEntries.set(p, trace.entries);
      sink.push({ name, where: p.where, result, source: "expression", entries: trace.entries });
    }
    return result;
  }

  /** The first role whose `apply_when` holds for the document, in array order. */
  *selectRole(doc: DocScope, t: DocumentDecision | undefined): Steps<CompiledRole | undefined> {
    for (const role of this.rules.roles) {
      const sink: PermissionOutcome[] | undefined = t ? [] : undefined;
      const applies = yield* this.check(role.applyWhen, "apply_when", doc, undefined, sink);
      if (t && sink) t.roles.push({ role: role.name, index: role.index, applyWhen: sink[0] });
      if (applies) {
        if (t) t.role = role.name;
        return role;
      }
    }
    return undefined;
  }
}

/** Literal objects of one shape keep property reads in the evaluator monomorphic. */
function documentContext(base: RuleRequest | ExpressionContext, root: unknown, prevRoot: unknown): ExpressionContext {
  return {
    user: base.user,
    request: base.request,
    values: base.values,
    environment: base.environment,
    partition: base.partition,
    callFunction: base.callFunction,
    root,
    prevRoot,
    this: undefined,
    prev: undefined,
  };
}

function fieldContext(ctx: ExpressionContext, field: FieldValues): ExpressionContext {
  return {
    user: ctx.user,
    request: ctx.request,
    values: ctx.values,
    environment: ctx.environment,
    partition: ctx.partition,
    callFunction: ctx.callFunction,
    root: ctx.root,
    prevRoot: ctx.prevRoot,
    this: field.after,
    prev: field.before,
  };
}
