import type { SandboxDatabase } from "../storage/database.ts";
import { objectIdHex, toHex, type RandomBytes } from "./ids.ts";
import { base64UrlDecode, base64UrlEncode, hmacKey } from "./jwt.ts";

const KEYS_META_KEY = "auth.keys";

interface StoredKeys {
  /** The HS256 secret, base64url. */
  secret: string;
  /** The app's auth domain id (`domain_id`, `baas_domain_id`). */
  domainId: string;
}

export interface AuthKeys {
  signing: CryptoKey;
  domainId: string;
  /** The stable id of a provider of this app, as the profile's `provider_id` shows it. */
  providerId(name: string): Promise<string>;
}

/**
 * The app's signing secret and domain id, created once and kept in the meta table so
 * tokens stay valid across reloads. Created in a transaction so two first requests
 * cannot end up with different secrets.
 */
export async function loadAuthKeys(db: SandboxDatabase, now: number, random: RandomBytes): Promise<AuthKeys> {
  const stored = await db.transaction("rw", db.meta, async () => {
    const existing = (await db.meta.get(KEYS_META_KEY))?.value as StoredKeys | undefined;
    if (existing) return existing;
    const created: StoredKeys = { secret: base64UrlEncode(random(32)), domainId: objectIdHex(now, random) };
    await db.meta.put({ key: KEYS_META_KEY, value: created });
    return created;
  });
  const signing = await hmacKey(base64UrlDecode(stored.secret)!);
  const domainId = stored.domainId;
  return {
    signing,
    domainId,
    async providerId(name) {
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${domainId}/${name}`));
      return domainId.slice(0, 8) + toHex(new Uint8Array(digest).subarray(0, 8));
    },
  };
}
