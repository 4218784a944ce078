import { describe, expect, it } from "vitest";

import { matchEndpointUrl } from "../../src/protocol/endpoint-url.ts";
import { isClientApiRequest } from "../../src/sw/api-routes.ts";

describe("matchEndpointUrl", () => {
  it.each([
    ["https://data.mongodb-api.com/app/a-1/endpoint/hello", { kind: "endpoint", appId: "a-1", route: "/hello", base: "https://data.mongodb-api.com" }],
    ["https://eu-west-1.aws.data.mongodb-api.com/app/a-1/endpoint/my/nested/route", { kind: "endpoint", appId: "a-1", route: "/my/nested/route" }],
    ["https://x.github.io/sandbox/app/a-1/endpoint/hello?x=1", { kind: "endpoint", appId: "a-1", route: "/hello", base: "https://x.github.io/sandbox" }],
    ["https://data.mongodb-api.com/app/a-1/endpoint/with%20space", { kind: "endpoint", route: "/with space" }],
    ["https://data.mongodb-api.com/app/a-1/endpoint", { kind: "endpoint", route: "/" }],
    [
      "https://webhooks.mongodb-realm.com/api/client/v2.0/app/a-1/service/http/incoming_webhook/hook",
      { kind: "webhook", appId: "a-1", service: "http", name: "hook", base: "https://webhooks.mongodb-realm.com" },
    ],
    ["http://emu.local/base/api/client/v2.0/app/a-1/service/s/incoming_webhook/n/", { kind: "webhook", service: "s", name: "n", base: "http://emu.local/base" }],
  ])("%s", (url, expected) => {
    expect(matchEndpointUrl(new URL(url))).toMatchObject(expected);
  });

  it.each([
    "https://services.cloud.mongodb.com/api/client/v2.0/app/a-1/functions/call",
    "https://services.cloud.mongodb.com/api/client/v2.0/app/a-1/graphql",
    "https://data.mongodb-api.com/app/a-1/endpoints/hello",
    "https://data.mongodb-api.com/api/client/v2.0/app/a-1/service/s/incoming_webhook/n/extra",
  ])("%s is not an endpoint", (url) => {
    expect(matchEndpointUrl(new URL(url))).toBeUndefined();
  });
});

describe("the service worker forwards endpoint and webhook URLs", () => {
  const origin = "https://x.github.io";
  const base = "/sandbox/";
  it.each([
    ["https://data.mongodb-api.com/app/a-1/endpoint/hello", true],
    ["https://us-east-1.aws.data.mongodb-api.com/app/a-1/endpoint/hello", true],
    ["https://webhooks.mongodb-realm.com/api/client/v2.0/app/a-1/service/s/incoming_webhook/n", true],
    ["https://webhooks.mongodb-stitch.com/api/client/v2.0/app/a-1/service/s/incoming_webhook/n", true],
    ["https://x.github.io/sandbox/app/a-1/endpoint/hello", true],
    ["https://x.github.io/app/a-1/endpoint/hello", true],
    ["https://x.github.io/sandbox/api/client/v2.0/app/a-1/location", true],
    ["https://x.github.io/sandbox/app/a-1/endpoints", false],
    ["https://x.github.io/sandbox/index.html", false],
    ["https://elsewhere.example/app/a-1/endpoint/hello", false],
    ["https://notdata.mongodb-api.com.evil.example/app/a-1/endpoint/hello", false],
  ])("%s → %s", (url, expected) => {
    expect(isClientApiRequest(new URL(url), origin, base)).toBe(expected);
  });
});
