import { describe, expect, it } from "vitest";

import { type ExpressionContext, evaluateExpression } from "../../../src/rules/expressions/index.ts";
import { ALICE, BOB, context, expectResult } from "./_context.ts";

/**
 * The Apply When templates of the Query Roles reference, the insert-only pattern, and
 * the examples of the expressions page and the tutorial's Sync permissions, each with
 * a user it admits and one it does not.
 */
const alice = context();
const bob = context({ user: { id: BOB, type: "normal", data: { email: "bob@example.com" }, custom_data: { readPartitions: ["PUBLIC"] } } });
const anonymous = context({ user: { id: "6000000000000000000000aa", type: "normal", data: {}, custom_data: {} } });

const templates: [string, unknown, ExpressionContext, boolean][] = [
  ["the user is the document owner", { owner_id: "%%user.id" }, alice, true],
  ["the user is not the document owner", { owner_id: "%%user.id" }, bob, false],
  ["an array field contains the user's id", { owners: "%%user.id" }, bob, true],
  ["an array field lacks the user's id", { owners: "%%user.id" }, anonymous, false],
  ["the user has an email address", { "%%user.data.email": { "%exists": true } }, bob, true],
  ["the user has no email address", { "%%user.data.email": { "%exists": true } }, anonymous, false],
  ["the user has a specific email address", { "%%user.data.email": "alice@example.com" }, alice, true],
  ["the user has another email address", { "%%user.data.email": "alice@example.com" }, bob, false],
  ["a field contains the user's email address", { "%%root.email": "%%user.data.email" }, alice, true],
  ["a field holds another email address", { "%%root.email": "%%user.data.email" }, bob, false],
  ["a field vs a user without email (two missing values never match)", { "%%root.phone": "%%user.data.phone" }, anonymous, false],
  ["an array field contains the user's email address", { "%%root.emails": "%%user.data.email" }, context({ root: { emails: ["x@example.com", "alice@example.com"] } }), true],
  ["an array field lacks the user's email address", { "%%root.emails": "%%user.data.email" }, context({ root: { emails: ["x@example.com"] }, user: bob.user }), false],
  ["insert-only write: insert (no previous document)", { "%%prevRoot": { "%exists": false } }, context({ prevRoot: undefined }), true],
  ["insert-only write: update (previous document exists)", { "%%prevRoot": { "%exists": false } }, alice, false],
  ["expressions page: static id", { id: "aaaabbbbccccddddeeeeffff" }, context({ root: { id: "aaaabbbbccccddddeeeeffff" } }), true],
  ["expressions page: owner and allowed IP", { owner: "%%user.id", "%%request.remoteIPAddress": { $in: "%%values.allowedIPs" } }, context({ root: { owner: ALICE } }), true],
  ["expressions page: owner but IP not allowed", { owner: "%%user.id", "%%request.remoteIPAddress": { $in: "%%values.allowedIPs" } }, context({ root: { owner: ALICE }, request: { remoteIPAddress: "1.2.3.4" } }), false],
  ["expressions page: new or previously existing", { "%or": [{ "%%prevRoot": { "%exists": "%%true" } }, { "%%root.status": "new" }] }, context({ prevRoot: undefined, root: { status: "new" } }), true],
  ["sync: public partition", { "%%partition": "PUBLIC" }, context({ partition: "PUBLIC" }), true],
  ["sync: one of the public partitions", { "%%partition": { $in: ["PUBLIC (NA)", "PUBLIC (EMEA)"] } }, context({ partition: "PUBLIC (EMEA)" }), true],
  ["sync: readPartitions contains the partition", { "%%user.custom_data.readPartitions": "%%partition" }, alice, true],
  ["sync: readPartitions lacks the partition", { "%%user.custom_data.readPartitions": "%%partition" }, bob, false],
  ["sync: own partition or shared", { $or: [{ "%%user.id": "%%partition" }, { "%%user.custom_data.shared": "%%partition" }] }, context({ partition: ALICE }), true],
  ["default role: always applies", {}, anonymous, true],
];

describe("role templates", () => {
  it.each(templates)("%s", async (_name, expr, ctx, expected) => {
    await expectResult(expr, ctx, expected);
  });

  it("a field satisfies a complex condition (%function)", async () => {
    const expr = { "%%true": { "%function": { name: "isAuthorizedUser", arguments: ["%%user.id"] } } };
    const callFunction = (name: string, args: unknown[]) => name === "isAuthorizedUser" && args[0] === BOB;
    await expectResult(expr, { ...bob, callFunction }, true);
    await expectResult(expr, { ...alice, callFunction }, false);
  });

  it("tutorial sync permission: canReadPartition (async function)", async () => {
    const expr = { "%%true": { "%function": { name: "canReadPartition", arguments: ["%%partition"] } } };
    const callFunction = async (_name: string, [partition]: unknown[]) => partition === `user=${ALICE}`;
    expect(await evaluateExpression(expr, { ...alice, partition: `user=${ALICE}`, callFunction })).toBe(true);
    expect(await evaluateExpression(expr, { ...alice, partition: `user=${BOB}`, callFunction })).toBe(false);
  });
});
