import type bcryptjs from "bcryptjs";

import { AppServicesError } from "../core/app-services-error.ts";

export const PASSWORD_MIN_LENGTH = 6;
export const PASSWORD_MAX_LENGTH = 128;
export const DEFAULT_BCRYPT_COST = 10;

/** Throws the server's wording unless the password is a string of 6–128 characters. */
export function checkPassword(password: unknown): string {
  const length = typeof password === "string" ? [...password].length : -1;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new AppServicesError("BadRequest", `password must be between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters`);
  }
  return password as string;
}

/**
 * bcrypt reads only the first 72 bytes of its input, and passwords may be 128
 * characters, so the password is hashed with SHA-256 first.
 */
async function prehash(password: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(password)));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** bcrypt loads with the first password to hash or check: starting the backend does not need it. */
let bcryptModule: Promise<typeof bcryptjs> | undefined;
const bcrypt = () => (bcryptModule ??= import("bcryptjs").then((module) => module.default));

/** Loads bcrypt ahead of the first login, for when the backend is idle. */
export async function preparePasswordHashing(): Promise<void> {
  await bcrypt();
}

export async function hashPassword(password: string, cost: number): Promise<string> {
  return (await bcrypt()).hash(await prehash(password), cost);
}

/** One hash per cost, of a password nobody knows, for logins to accounts that do not exist. */
const DUMMY_HASHES = new Map<number, Promise<string>>();

/**
 * A hash of the given cost that no password matches. A login to an unknown account
 * checks against it, so it takes as long as a wrong password for a real account and
 * its timing does not tell who is registered.
 */
export function dummyHash(cost: number): Promise<string> {
  let hash = DUMMY_HASHES.get(cost);
  if (!hash) {
    const secret = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0")).join("");
    hash = hashPassword(secret, cost);
    DUMMY_HASHES.set(cost, hash);
  }
  return hash;
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (typeof password !== "string" || password.length > PASSWORD_MAX_LENGTH * 2) return false;
  return (await bcrypt()).compare(await prehash(password), hash);
}
