import { describe, expect, it } from "vitest";

import {
  addProviderFunction,
  applyUserpassForm,
  changedFiles,
  checkCustomData,
  checkUserpassForm,
  functionNames,
  placeProblem,
  readCustomData,
  readProviders,
  userpassForm,
  writeCustomData,
  writeProvider,
} from "../../../../src/ui/console/auth/auth-model.ts";
import type { AuthProviderConfig } from "../../../../src/config/types.ts";

const IMPORTED: AuthProviderConfig = {
  name: "local-userpass",
  type: "local-userpass",
  disabled: false,
  config: { autoConfirm: false, runConfirmationFunction: false, emailConfirmationUrl: "https://a.example/confirm", resetPasswordUrl: "https://a.example/reset", runResetFunction: false, confirmationFunctionId: "abc" },
  metadata_fields: [],
};

describe("the Email/Password form", () => {
  it("reads each method from the provider's switches", () => {
    expect(userpassForm(undefined)).toMatchObject({ enabled: false, confirm: "auto", reset: "email" });
    expect(userpassForm(IMPORTED)).toMatchObject({ enabled: true, confirm: "email", reset: "email", emailConfirmationUrl: "https://a.example/confirm" });
    const fn = { ...IMPORTED, config: { runConfirmationFunction: true, confirmationFunctionName: "confirm", runResetFunction: true, resetFunctionName: "resetFunc" } };
    expect(userpassForm(fn)).toMatchObject({ confirm: "function", confirmationFunctionName: "confirm", reset: "function", resetFunctionName: "resetFunc" });
  });

  it("writes the form back keeping the keys it does not show", () => {
    const form = { ...userpassForm(IMPORTED), confirm: "auto" as const, reset: "function" as const, resetFunctionName: "resetFunc", resetPasswordUrl: "" };
    const written = applyUserpassForm(IMPORTED, form);
    expect(written.metadata_fields).toEqual([]);
    expect(written.config).toEqual({
      autoConfirm: true,
      runConfirmationFunction: false,
      runResetFunction: true,
      emailConfirmationUrl: "https://a.example/confirm",
      resetFunctionName: "resetFunc",
      confirmationFunctionId: "abc",
    });
    // Unchanged forms leave the file byte-identical.
    const files = writeProvider({}, IMPORTED);
    expect(changedFiles(files, writeProvider(files, applyUserpassForm(readProviders(files)[0], userpassForm(readProviders(files)[0]))))).toEqual({});
  });

  it("puts each problem on its field", () => {
    const form = { ...userpassForm(undefined), confirm: "email" as const, emailConfirmationUrl: "tasks.example.com", reset: "function" as const, resetFunctionName: "gone", confirmEmailSubject: "x".repeat(257) };
    expect(checkUserpassForm(form, ["resetFunc"])).toEqual([
      { field: "emailConfirmationUrl", message: "Enter a full URL starting with https:// or http://." },
      { field: "confirmEmailSubject", message: "The subject has 257 characters; at most 256 are allowed." },
      { field: "resetFunctionName", message: 'There is no function "gone": pick another or create it.' },
    ]);
    expect(checkUserpassForm({ ...form, confirm: "auto", resetFunctionName: "resetFunc" }, ["resetFunc"])).toEqual([]);
    const fields = ["resetFunctionName", "confirmationFunctionName"];
    expect(placeProblem('"local-userpass.config.resetFunctionName" names function "x", which is not in functions/config.json', fields)).toMatchObject({ field: "resetFunctionName" });
    expect(placeProblem("something else", fields)).toEqual({ message: "something else" });
  });

  it("creates a provider function with a starting source, private, listed by name", () => {
    const files = addProviderFunction({}, "resetFunc", "reset");
    expect(functionNames(files)).toEqual(["resetFunc"]);
    expect(JSON.parse(files["functions/config.json"])).toEqual([{ name: "resetFunc", private: true }]);
    expect(files["functions/resetFunc.js"]).toMatch(/exports = async \(\{ token, tokenId, username, password \}, \.\.\.args\) =>/);
    expect(addProviderFunction({}, "confirmFunc", "confirmation")["functions/confirmFunc.js"]).toMatch(/status: "pending"/);
    expect(() => addProviderFunction({}, "bad name", "reset")).toThrow(/invalid function name/);
  });
});

describe("the custom user data form", () => {
  it("asks for what an enabled setting needs and writes the file back", () => {
    const empty = readCustomData({});
    expect(empty).toMatchObject({ enabled: false, mongo_service_name: "mongodb-atlas", user_id_field: "user_id" });
    expect(checkCustomData({ ...empty, enabled: true }).map((p) => p.field)).toEqual(["database_name", "collection_name"]);
    const files = writeCustomData({}, { ...empty, enabled: true, database_name: "tracker", collection_name: "users" });
    expect(JSON.parse(files["auth/custom_user_data.json"])).toEqual({
      enabled: true,
      mongo_service_name: "mongodb-atlas",
      database_name: "tracker",
      collection_name: "users",
      user_id_field: "user_id",
    });
  });
});
