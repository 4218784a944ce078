import { describe, expect, it, vi } from "vitest";

import { ALICE, ANON, BOB, evaluator, read, role, type TestUser } from "./_helpers.ts";

/** The Apply When templates of the Query Roles reference, each with cases that hold and fail. */
const TEMPLATES: {
  template: string;
  applyWhen: Record<string, unknown>;
  cases: { user: TestUser; doc: Record<string, unknown>; applies: boolean; note: string }[];
}[] = [
  {
    template: "the user is the document owner",
    applyWhen: { owner_id: "%%user.id" },
    cases: [
      { user: ALICE, doc: { _id: 1, owner_id: ALICE.id }, applies: true, note: "owner" },
      { user: BOB, doc: { _id: 1, owner_id: ALICE.id }, applies: false, note: "someone else" },
      { user: ALICE, doc: { _id: 1 }, applies: false, note: "no owner field" },
    ],
  },
  {
    template: "an array field contains the user's id",
    applyWhen: { collaborators: "%%user.id" },
    cases: [
      { user: ALICE, doc: { _id: 1, collaborators: [BOB.id, ALICE.id] }, applies: true, note: "listed second" },
      { user: ALICE, doc: { _id: 1, collaborators: [BOB.id] }, applies: false, note: "not listed" },
      { user: ALICE, doc: { _id: 1, collaborators: [] }, applies: false, note: "empty" },
    ],
  },
  {
    template: "the user has an email address",
    applyWhen: { "%%user.data.email": { "%exists": true } },
    cases: [
      { user: ALICE, doc: { _id: 1 }, applies: true, note: "email/password user" },
      { user: ANON, doc: { _id: 1 }, applies: false, note: "anonymous user" },
    ],
  },
  {
    template: "the user has a specific email address",
    applyWhen: { "%%user.data.email": "alice@example.com" },
    cases: [
      { user: ALICE, doc: { _id: 1 }, applies: true, note: "that user" },
      { user: BOB, doc: { _id: 1 }, applies: false, note: "another user" },
      { user: ANON, doc: { _id: 1 }, applies: false, note: "no email" },
    ],
  },
  {
    template: "a field contains the user's email address",
    applyWhen: { "%%root.email": "%%user.data.email" },
    cases: [
      { user: ALICE, doc: { _id: 1, email: "alice@example.com" }, applies: true, note: "same email" },
      { user: BOB, doc: { _id: 1, email: "alice@example.com" }, applies: false, note: "other email" },
      { user: ANON, doc: { _id: 1 }, applies: false, note: "both missing is not a match" },
    ],
  },
  {
    template: "an array field contains the user's email address",
    applyWhen: { reviewers: "%%user.data.email" },
    cases: [
      { user: BOB, doc: { _id: 1, reviewers: ["carol@example.com", "bob@example.com"] }, applies: true, note: "listed" },
      { user: ALICE, doc: { _id: 1, reviewers: ["bob@example.com"] }, applies: false, note: "not listed" },
    ],
  },
];

describe("Apply When templates", () => {
  for (const { template, applyWhen, cases } of TEMPLATES) {
    describe(template, () => {
      it.each(cases)("$note → $applies", async ({ user, doc, applies }) => {
        const roles = [role("matching", { apply_when: applyWhen, read: true })];
        expect(await read(roles, doc, user)).toEqual(applies ? doc : undefined);
      });
    });
  }

  describe("a field satisfies a complex condition (%function)", () => {
    const applyWhen = { "%%true": { "%function": { name: "isAuthorizedUser", arguments: ["%%user.id"] } } };
    const roles = [role("authorized", { apply_when: applyWhen, read: true })];

    it.each([
      { user: ALICE, applies: true },
      { user: BOB, applies: false },
    ])("$user.id → $applies, waiting for the asynchronous function", async ({ user, applies }) => {
      const callFunction = vi.fn(async (name: string, args: unknown[]) => name === "isAuthorizedUser" && args[0] === ALICE.id);
      const ev = evaluator(roles, user, { callFunction });
      const result = ev.read({ _id: 1 });
      expect(result).toBeInstanceOf(Promise);
      expect(await result).toEqual(applies ? { _id: 1 } : undefined);
      expect(callFunction).toHaveBeenCalledWith("isAuthorizedUser", [user.id]);
    });
  });

  it("assigns the first role whose apply_when holds, in array order", async () => {
    const roles = [
      role("owner", { apply_when: { owner_id: "%%user.id" }, read: true, write: true }),
      role("everyone", { apply_when: {}, fields: { title: { read: true } } }),
    ];
    const doc = { _id: 1, owner_id: ALICE.id, title: "t", secret: "s" };
    expect(await read(roles, doc, ALICE)).toEqual(doc);
    expect(await read(roles, doc, BOB)).toEqual({ title: "t" });
  });

  it("withholds a document no role applies to", async () => {
    const roles = [role("owner", { apply_when: { owner_id: "%%user.id" }, read: true })];
    expect(await read(roles, { _id: 1, owner_id: BOB.id }, ALICE)).toBeUndefined();
  });

  it("treats a missing user (an unauthenticated request) as having no fields", async () => {
    const roles = [role("owner", { apply_when: { owner_id: "%%user.id" }, read: true }), role("email", { apply_when: { "%%user.data.email": { "%exists": true } }, read: true })];
    expect(await evaluator(roles, null).read({ _id: 1, owner_id: ALICE.id })).toBeUndefined();
  });
});
