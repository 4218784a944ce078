import { describe, expect, it } from "vitest";

import { describeSaveFailure } from "../../../../src/ui/console/auth/save-failure.ts";
import { ConsoleApiError } from "../../../../src/ui/state/console-api.ts";

const FIELDS = ["resetFunctionName", "confirmationFunctionName"];

describe("what an Authentication form says when a save fails", () => {
  it("names the problems the draft was refused with, their file and the code, beside their field", () => {
    const error = new ConsoleApiError("…", "InvalidConfig", 400, [
      { path: "auth/providers.json", message: 'provider "local-userpass": "resetFunctionName" names no function' },
      { path: "functions/config.json", message: "duplicate function" },
    ]);
    const failure = describeSaveFailure(error, FIELDS);
    expect(failure.notice).toBe("Not saved: the draft refused the change with 2 problems in auth/providers.json, functions/config.json (InvalidConfig). Fix what is shown, then save again.");
    expect(failure.problems).toEqual([
      { field: "resetFunctionName", message: 'auth/providers.json: provider "local-userpass": "resetFunctionName" names no function' },
      { message: "functions/config.json: duplicate function" },
    ]);
  });

  it("gives an error without problems by its own message and code, and never blames deploy", () => {
    const failure = describeSaveFailure(new ConsoleApiError("cannot find app using Client App ID 'x'", "NotFound", 404), FIELDS);
    expect(failure).toEqual({ problems: [], notice: "Not saved: cannot find app using Client App ID 'x' (NotFound). What you typed is kept; try again." });
    expect(describeSaveFailure(new TypeError("Failed to fetch."), FIELDS).notice).toBe("Not saved: Failed to fetch. What you typed is kept; try again.");
    expect(describeSaveFailure(new TypeError("x"), FIELDS).notice).not.toContain("deploy");
  });
});
