import { describe, expect, it } from "vitest";

import { checkPassword, hashPassword, verifyPassword } from "../../src/auth/passwords.ts";
import { AppServicesError } from "../../src/core/app-services-error.ts";

describe("password length", () => {
  it.each([
    ["12345", false],
    ["123456", true],
    ["x".repeat(128), true],
    ["x".repeat(129), false],
    // Characters, not UTF-16 units: 128 emoji are 256 units.
    ["😀".repeat(128), true],
    ["😀".repeat(129), false],
    ["", false],
  ])("%j → %s", (password, ok) => {
    if (ok) expect(checkPassword(password)).toBe(password);
    else {
      expect(() => checkPassword(password)).toThrowError(new AppServicesError("BadRequest", "password must be between 6 and 128 characters"));
    }
  });

  it.each([[undefined], [null], [123456], [["secret1"]], [{ $numberInt: "1" }]])("refuses non-string %j", (value) => {
    expect(() => checkPassword(value)).toThrow("password must be between 6 and 128 characters");
  });
});

describe("password hashes", () => {
  it("verifies the password and nothing else", async () => {
    const hash = await hashPassword("secret123", 4);
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    expect(hash).not.toContain("secret123");
    expect(await verifyPassword("secret123", hash)).toBe(true);
    expect(await verifyPassword("secret124", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("tells apart long passwords that share their first 72 bytes", async () => {
    const prefix = "p".repeat(100);
    const hash = await hashPassword(`${prefix}-one`, 4);
    expect(await verifyPassword(`${prefix}-one`, hash)).toBe(true);
    expect(await verifyPassword(`${prefix}-two`, hash)).toBe(false);
  });

  it("salts: the same password hashes differently", async () => {
    expect(await hashPassword("secret123", 4)).not.toBe(await hashPassword("secret123", 4));
  });
});
