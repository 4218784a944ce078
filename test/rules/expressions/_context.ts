import { expect } from "vitest";

import { ObjectId } from "../../../src/bson/types.ts";
import {
  type ExpressionContext,
  evaluateExpression,
  evaluateExpressionSync,
  validateExpression,
} from "../../../src/rules/expressions/index.ts";

export const ALICE = "5f1a2b3c4d5e6f7a8b9c0d1e";
export const BOB = "5f1a2b3c4d5e6f7a8b9c0d2f";
export const TASK_ID = new ObjectId("60aa00000000000000000001");

/** A signed-in Alice looking at her own task, with every expansion populated. */
export function context(overrides: Partial<ExpressionContext> = {}): ExpressionContext {
  return {
    user: {
      id: ALICE,
      type: "normal",
      data: { email: "alice@example.com" },
      custom_data: { readPartitions: ["PUBLIC", "project=alice"], team: "red", manager: new ObjectId(BOB) },
      identities: [{ id: "local-alice", provider_type: "local-userpass" }],
    },
    root: {
      _id: TASK_ID,
      name: "Write tests",
      status: "Open",
      owner_id: ALICE,
      assignee: ALICE,
      owners: [BOB, ALICE],
      email: "alice@example.com",
      score: 7,
      due: new Date("2024-05-01T00:00:00Z"),
      meta: { team: "red", reviewers: [{ id: BOB }, { id: ALICE }] },
    },
    prevRoot: { _id: TASK_ID, status: "Open", owner_id: ALICE },
    this: "InProgress",
    prev: "Open",
    partition: "project=alice",
    request: { httpMethod: "POST", remoteIPAddress: "10.0.0.7", requestHeaders: { "X-Trace": ["1"] } },
    values: { admin_ids: [BOB], allowedIPs: ["10.0.0.7", "10.0.0.8"], maxScore: 10, flag: true, notAList: "x" },
    environment: { tag: "development", values: { strict: false } },
    args: { url: "https://example.com", someNumber: 5, body: { userId: ALICE } },
    ...overrides,
  };
}

/** Evaluates sync and async and checks both agree with `expected`; valid expressions must also validate cleanly. */
export async function expectResult(expr: unknown, ctx: ExpressionContext, expected: boolean): Promise<void> {
  expect(validateExpression(expr)).toEqual([]);
  expect(evaluateExpressionSync(expr, ctx)).toBe(expected);
  expect(await evaluateExpression(expr, ctx)).toBe(expected);
}

/** Evaluation (sync and async) fails with an ExpressionError whose message matches. */
export async function expectEvalError(expr: unknown, ctx: ExpressionContext, message: string | RegExp): Promise<void> {
  expect(() => evaluateExpressionSync(expr, ctx)).toThrowError(message);
  await expect(evaluateExpression(expr, ctx)).rejects.toThrowError(message);
  const error = (() => {
    try {
      evaluateExpressionSync(expr, ctx);
    } catch (caught) {
      return caught;
    }
  })();
  expect((error as Error).name).toBe("ExpressionError");
}
