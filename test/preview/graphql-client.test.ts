import { afterEach, describe, expect, it, vi } from "vitest";

import { createClient, gql, GraphQLRequestError } from "../../src/preview/graphql-client.ts";

afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("the preview's GraphQL client", () => {
  it("checks an operation's syntax where it is written", () => {
    expect(gql`query { tasks { _id } }`).toBe("query { tasks { _id } }");
    expect(() => gql`query { tasks { _id }`).toThrow(/Syntax Error/);
  });

  it("sends the access token, and after a 401 refreshes it once and sends the request again", async () => {
    let token = "old";
    const seen: (string | null)[] = [];
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
      const auth = new Headers(init.headers).get("authorization");
      seen.push(auth);
      return auth === "Bearer new" ? json(200, { data: { tasks: [] } }) : json(401, { error: "invalid session", error_code: "InvalidSession" });
    });
    const refresh = vi.fn(() => void (token = "new"));
    const client = createClient({ url: "https://services.cloud.mongodb.com/api/client/v2.0/app/a/graphql", getAccessToken: () => token, onUnauthorized: refresh });
    expect(await client.request("query { tasks { _id } }")).toEqual({ tasks: [] });
    expect(seen).toEqual(["Bearer old", "Bearer new"]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("throws the server's errors", async () => {
    vi.stubGlobal("fetch", async () => json(200, { data: null, errors: [{ message: "update not permitted" }] }));
    const client = createClient({ url: "x", getAccessToken: () => "t" });
    const refused = await client.request("mutation { x }").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphQLRequestError);
    expect(refused).toMatchObject({ message: "update not permitted", errors: [{ message: "update not permitted" }] });
    vi.stubGlobal("fetch", async () => json(401, { error: "invalid session" }));
    await expect(client.request("query { x }")).rejects.toThrow("invalid session");
  });
});
