import type { SandboxApp } from "../app/app.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { errorResponse } from "./error-response.ts";

export type RequestHandler = (request: Request) => Promise<Response>;

/** The client HTTP API of one app, as realm-web and GraphQL clients call it. */
export function createRequestHandler(app: SandboxApp): RequestHandler {
  return async (request) => {
    const path = new URL(request.url).pathname;
    return errorResponse(new AppServicesError("NotFound", `no route for ${request.method} ${path}`), app.appId);
  };
}
