import { describe, expect, it } from "vitest";

import { ObjectId } from "../../../src/bson/types.ts";
import { validateExpression } from "../../../src/rules/expressions/index.ts";
import { ALICE, BOB, context, expectEvalError, expectResult } from "./_context.ts";

describe("expansions", () => {
  const cases: [string, unknown, boolean][] = [
    ["%%true as key with true", { "%%true": true }, true],
    ["%%true as key with false", { "%%true": false }, false],
    ["%%false as key with false", { "%%false": false }, true],
    ["%%false as key with true", { "%%false": true }, false],
    ["%%true as a value", { "%%root.owner_id": { "%exists": "%%true" } }, true],
    ["%%false as a value", { "%%root.nothing": { "%exists": "%%false" } }, true],
    ["%%user.id in key", { "%%user.id": ALICE }, true],
    ["%%user.id in value", { owner_id: "%%user.id" }, true],
    ["%%user.type", { "%%user.type": "normal" }, true],
    ["%%user.data.email", { "%%user.data.email": "alice@example.com" }, true],
    ["%%user.custom_data.team", { "%%user.custom_data.team": "red" }, true],
    ["%%user.identities.provider_type (array traversal)", { "%%user.identities.provider_type": "local-userpass" }, true],
    ["%%user.identities.0.id (index)", { "%%user.identities.0.id": "local-alice" }, true],
    ["%%user whole object exists", { "%%user": { "%exists": true } }, true],
    ["%%root.<field>", { "%%root.status": "Open" }, true],
    ["%%root.<embedded>.<field>", { "%%root.meta.team": "red" }, true],
    ["%%root.<array of docs>.<field>", { "%%root.meta.reviewers.id": BOB }, true],
    ["%%root in value", { "%%user.custom_data.team": "%%root.meta.team" }, true],
    ["%%prevRoot.<field>", { "%%prevRoot.status": "Open" }, true],
    ["%%prevRoot exists on update", { "%%prevRoot": { "%exists": true } }, true],
    ["%%this", { "%%this": "InProgress" }, true],
    ["%%prev", { "%%prev": "Open" }, true],
    ["%%this vs %%prev", { "%%this": "%%prev" }, false],
    ["%%partition", { "%%partition": "project=alice" }, true],
    ["%%request.remoteIPAddress in %%values", { "%%request.remoteIPAddress": { $in: "%%values.allowedIPs" } }, true],
    ["%%request.requestHeaders.<name>", { "%%request.requestHeaders.X-Trace": "1" }, true],
    ["%%values.<name>", { "%%values.maxScore": 10 }, true],
    ["%%values as comparison operand", { score: { "%lt": "%%values.maxScore" } }, true],
    ["%%environment.tag", { "%%environment.tag": "development" }, true],
    ["%%environment.values.<name>", { "%%environment.values.strict": false }, true],
    ["%%args.<name>", { "%%args.url": { $exists: true }, "%%args.body.userId": "%%user.id" }, true],
    ["plain key reads %%root", { status: "Open" }, true],
    ["plain dotted key reads %%root", { "meta.team": "red" }, true],
    ["plain key missing", { nothing: "x" }, false],
    ["expansion to a missing user field", { "%%user.data.phone": "x" }, false],
  ];
  it.each(cases)("%s", async (_name, expr, expected) => {
    await expectResult(expr, context(), expected);
  });

  it("reads absent context members as missing", async () => {
    const empty = {};
    await expectResult({ "%%user": { "%exists": false } }, empty, true);
    await expectResult({ "%%root.status": { "%exists": false } }, empty, true);
    await expectResult({ "%%prevRoot": { "%exists": false } }, context({ prevRoot: undefined }), true);
    await expectResult({ "%%partition": "x" }, empty, false);
    await expectResult({ "%%values.admin_ids": { "%exists": true } }, empty, false);
    await expectResult({ "%%environment.tag": { "%exists": false } }, empty, true);
  });

  it("plain keys read %%args with defaultScope args", async () => {
    const ctx = context({ defaultScope: "args" });
    await expectResult({ url: "https://example.com" }, ctx, true);
    await expectResult({ status: "Open" }, ctx, false);
    await expectResult({ "%%root.status": "Open" }, ctx, true);
  });

  it("does not read inherited properties or descend into BSON values", async () => {
    await expectResult({ "%%user.data.constructor": { "%exists": true } }, context(), false);
    await expectResult({ "%%root._id.id": { "%exists": true } }, context(), false);
    await expectResult({ "%%user.custom_data.manager": new ObjectId(BOB) }, context(), true);
  });

  const invalid: [string, unknown, string][] = [
    ["%%ctx is not documented", { "%%ctx.user.id": "x" }, '%%ctx.user.id: unknown expansion "%%ctx"'],
    ["unknown expansion in value", { owner_id: "%%usr.id" }, 'owner_id: unknown expansion "%%usr" (did you mean "%%user"?)'],
    ["wrong case", { "%%prevroot": { "%exists": false } }, '%%prevroot: unknown expansion "%%prevroot" (did you mean "%%prevRoot"?)'],
    ["unknown %%user field", { "%%user.email": "x" }, '%%user.email: "%%user" has no field "email" (known: id, type, data, custom_data, identities)'],
    ["unknown %%environment field", { "%%environment.name": "x" }, '%%environment.name: "%%environment" has no field "name" (known: tag, values)'],
    ["%%true has no fields", { "%%true.x": true }, '%%true.x: "%%true" has no fields'],
    ["malformed path", { "%%user..id": "x" }, '%%user..id: malformed expansion "%%user..id"'],
    ["malformed plain key", { "a..b": 1 }, 'a..b: malformed field path "a..b"'],
    ["expansion inside a literal array", { owners: ["%%user.idd"] }, 'owners[0]: "%%user" has no field "idd"'],
  ];
  it.each(invalid)("rejects %s", async (_name, expr, message) => {
    expect(validateExpression(expr).join("\n")).toContain(message);
    await expectEvalError(expr, context(), message);
  });
});
