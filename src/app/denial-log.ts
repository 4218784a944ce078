import { AppServicesError } from "../core/app-services-error.ts";
import type { AppLog } from "../log/app-log.ts";
import { createRulesTrace, formatDecisionTrace } from "../rules/roles/index.ts";
import type { AccessPolicy } from "../services/mongodb-atlas/access-policy.ts";
import type { Document } from "../bson/types.ts";
import type { RequestContext } from "../services/request-context.ts";
import { hidesFields, type WithheldReads } from "../services/withheld-reads.ts";

/**
 * Wraps a user's policy so a refused write is logged with the explanation of every
 * rule decision behind it. The explanation is built only after a refusal, by running
 * the same check again with a trace, so allowed requests pay nothing. Reads of a request
 * that counts what it withholds (`context.withheld`) are counted as the policy decides them.
 */
export function explainDenials(
  policy: AccessPolicy,
  namespace: string,
  context: RequestContext,
  log: AppLog,
  traced: (trace: ReturnType<typeof createRulesTrace>) => AccessPolicy,
): AccessPolicy {
  const record = async (error: unknown, rerun: (policy: AccessPolicy) => unknown) => {
    if (!(error instanceof AppServicesError)) return;
    const trace = createRulesTrace(namespace);
    try {
      await rerun(traced(trace));
    } catch {
      // The rerun fails the same way; only its trace is wanted.
    }
    log.write({
      type: "rules",
      status: "error",
      summary: `${error.message} (${namespace})`,
      userId: context.user?.id,
      details: { namespace, error_code: error.code, reason: error.details?.reason, trace: formatDecisionTrace(trace) },
    });
  };
  const guard = <T>(run: (policy: AccessPolicy) => T | Promise<T>): T | Promise<T> => {
    try {
      const result = run(policy);
      if (!(result instanceof Promise)) return result;
      return result.catch(async (error: unknown) => {
        await record(error, run);
        throw error;
      });
    } catch (error) {
      // Synchronous refusals keep the hot path free of promises: log in the background.
      void record(error, run);
      throw error;
    }
  };
  return {
    validatesSchema: policy.validatesSchema,
    restrictFilter: (filter) => guard((p) => p.restrictFilter(filter)),
    readDocument: context.withheld ? countWithheld(policy, namespace, context.withheld) : (doc) => policy.readDocument(doc),
    checkWrite: (kind, before, after) => guard((p) => p.checkWrite(kind, before, after)),
  };
}

/** readDocument that also counts each document withheld, or returned with fields hidden, from the decision it makes anyway. */
function countWithheld(policy: AccessPolicy, namespace: string, withheld: WithheldReads): AccessPolicy["readDocument"] {
  const count = (doc: Document, visible: Document | undefined): Document | undefined => {
    if (visible === undefined) withheld.document(namespace, doc._id);
    else if (visible !== doc && hidesFields(doc, visible)) withheld.fieldsHidden(namespace, doc._id);
    return visible;
  };
  return (doc) => {
    const visible = policy.readDocument(doc);
    return visible instanceof Promise ? visible.then((v) => count(doc, v)) : count(doc, visible);
  };
}
