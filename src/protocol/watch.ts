import type { SandboxApp } from "../app/app.ts";
import { parseEJSON, stringifyEJSON } from "../bson/ejson.ts";
import { isPlainObject, type Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { valuesEqual } from "../query/compare.ts";
import { compileFilter } from "../query/matcher.ts";
import { checkUserFilter } from "../services/mongodb-atlas/user-operators.ts";
import type { RequestContext } from "../services/request-context.ts";
import type { ChangeEvent } from "../storage/change-event.ts";
import type { RouteContext } from "./context.ts";
import { base64UrlDecode } from "../auth/jwt.ts";
import { asAppServicesError } from "./error-response.ts";

/** Open watch streams, so closing the sandbox can end them. */
export type StreamRegistry = Set<() => void>;

interface WatchRequest {
  service: string;
  database: string;
  collection: string;
  ids: unknown[] | undefined;
  filter: Document | undefined;
}

/** Decodes `baas_request`: base64 (standard; a `+` may arrive as a space) of the call's JSON. */
export function decodeWatchRequest(raw: string | null): WatchRequest {
  if (!raw) throw new AppServicesError("MissingParameter", "baas_request is required for a streaming function call");
  const base64 = raw.replace(/ /g, "+").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const bytes = base64UrlDecode(base64);
  let text: string | undefined;
  try {
    text = bytes && new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw new AppServicesError("BadRequest", "baas_request is not base64-encoded UTF-8 JSON");
  let call: unknown;
  try {
    call = parseEJSON(text);
  } catch (error) {
    throw error instanceof AppServicesError ? error : new AppServicesError("BadRequest", "baas_request is not valid Extended JSON");
  }
  if (!isPlainObject(call)) throw new AppServicesError("BadRequest", "baas_request must encode a JSON object");
  if (call.name !== "watch") {
    throw new AppServicesError("BadRequest", `only 'watch' can be called as a stream, not ${JSON.stringify(call.name)}`);
  }
  if (typeof call.service !== "string") throw new AppServicesError("MissingParameter", "watch needs a service");
  const [args] = Array.isArray(call.arguments) ? call.arguments : [];
  if (!isPlainObject(args)) throw new AppServicesError("InvalidParameter", "watch: arguments[0] must be a document");
  if (typeof args.database !== "string") throw new AppServicesError("MissingParameter", "watch: database is required");
  if (typeof args.collection !== "string") throw new AppServicesError("MissingParameter", "watch: collection is required");
  if (args.ids !== undefined && args.ids !== null && !Array.isArray(args.ids)) {
    throw new AppServicesError("InvalidParameter", "watch: ids must be an array");
  }
  if (args.filter !== undefined && args.filter !== null && !isPlainObject(args.filter)) {
    throw new AppServicesError("InvalidParameter", "watch: filter must be a document");
  }
  return {
    service: call.service,
    database: args.database,
    collection: args.collection,
    ids: (args.ids as unknown[] | null) ?? undefined,
    filter: (args.filter as Document | null) ?? undefined,
  };
}

/** SSE data: the server percent-encodes `%`, CR and LF inside it (realm-web's WatchStream decodes them). */
function sseData(value: unknown): string {
  const text = stringifyEJSON(value).replace(/%/g, "%25").replace(/\n/g, "%0A").replace(/\r/g, "%0D");
  return `data: ${text}\n\n`;
}

function sseError(error: unknown): string {
  const known = asAppServicesError(error);
  return `event: error\n${sseData({ error_code: known.code, error: known.message })}`;
}

/**
 * GET functions/call?baas_request=…: a change stream of one collection as server-sent
 * events. Each event passes the caller's query filters and read rules for the document
 * it carries, and shows the document as the caller may read it.
 */
export async function watch(ctx: RouteContext, streams: StreamRegistry): Promise<Response> {
  const request = decodeWatchRequest(ctx.url.searchParams.get("baas_request"));
  const context = await ctx.requestContext({ service: request.service, action: "watch" });
  const ns = `${request.database}.${request.collection}`;
  // Resolve names, service and policy now, so a bad request fails as a plain error response.
  ctx.app.mongo(context, request.service).db(request.database).collection(request.collection);
  await ctx.app.services.catalog().policyFor(request.service, ns, context).restrictFilter({});
  // A watch filter is a query like any other: users may not use the operators kept for system.
  if (!context.system) checkUserFilter(request.filter);
  const matches = compileFilter(request.filter);
  const encoder = new TextEncoder();
  let chain = Promise.resolve();
  let stop = () => undefined as void;

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const unsubscribe = ctx.app.store.subscribe((events) => {
        for (const event of events) {
          if (`${event.ns.db}.${event.ns.coll}` !== ns) continue;
          if (request.ids && !request.ids.some((id) => valuesEqual(id, event.documentKey._id))) continue;
          chain = chain
            .then(async () => {
              const out = await visibleEvent(ctx.app, context, request.service, ns, event);
              if (open && out && matches(out)) controller.enqueue(encoder.encode(sseData(out)));
            })
            .catch((error) => {
              if (!open) return;
              controller.enqueue(encoder.encode(sseError(error)));
              stop();
            });
        }
      });
      stop = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        streams.delete(stop);
        try {
          controller.close();
        } catch {
          // Already closed or errored by the reader.
        }
      };
      streams.add(stop);
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}

/** The document as the caller may read it, or undefined when filters or rules withhold it. */
async function visibleOf(app: SandboxApp, context: RequestContext, service: string, ns: string, doc: Document): Promise<Document | undefined> {
  const policy = app.services.catalog().policyFor(service, ns, context);
  const restriction = await policy.restrictFilter({});
  if (!compileFilter(restriction)(doc)) return undefined;
  return policy.readDocument(doc);
}

/** The change event as the caller may see it: visible images only, no pre-image. */
async function visibleEvent(
  app: SandboxApp,
  context: RequestContext,
  service: string,
  ns: string,
  event: ChangeEvent,
): Promise<Document | undefined> {
  const before = event.fullDocumentBeforeChange && (await visibleOf(app, context, service, ns, event.fullDocumentBeforeChange));
  const after = event.fullDocument && (await visibleOf(app, context, service, ns, event.fullDocument));
  if (event.operationType === "delete" ? !before : !after) return undefined;
  const out: Document = {
    _id: event._id,
    operationType: event.operationType,
    clusterTime: event.clusterTime,
    ns: event.ns,
    documentKey: event.documentKey,
  };
  if (after) out.fullDocument = after;
  if (event.updateDescription) {
    const { updatedFields, removedFields, truncatedArrays } = event.updateDescription;
    const rootOf = (path: string) => path.split(".")[0];
    out.updateDescription = {
      updatedFields: Object.fromEntries(Object.entries(updatedFields).filter(([path]) => after && rootOf(path) in after)),
      removedFields: removedFields.filter((path) => before && rootOf(path) in before),
      truncatedArrays: truncatedArrays.filter(({ field }) => after && rootOf(field) in after),
    };
  }
  return out;
}
