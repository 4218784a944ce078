import { describe, expect, it, vi } from "vitest";

import type { PermissionValue, SyncConfig } from "../../../src/config/types.ts";
import { evaluateSyncPermissions, formatDecisionTrace } from "../../../src/rules/roles/index.ts";
import { ALICE, BOB } from "./_helpers.ts";

function sync(read: PermissionValue, write: PermissionValue, extra: Partial<SyncConfig> = {}): SyncConfig {
  return {
    state: "enabled",
    development_mode_enabled: false,
    service_name: "mongodb-atlas",
    database_name: "tracker",
    partition: { key: "_partition", type: "string", required: true, permissions: { read, write } },
    ...extra,
  };
}

describe("partition-based Sync permissions", () => {
  it.each([
    { note: "empty rules (the tutorial's 'No template')", read: {}, write: {}, partition: "My Project", expected: [true, true] },
    { note: "a public partition", read: { "%%partition": "PUBLIC" }, write: false, partition: "PUBLIC", expected: [true, false] },
    { note: "another partition", read: { "%%partition": "PUBLIC" }, write: false, partition: "private", expected: [false, false] },
    {
      note: "$in a list of partitions",
      read: { "%%partition": { $in: ["PUBLIC (NA)", "PUBLIC (EMEA)"] } },
      write: false,
      partition: "PUBLIC (EMEA)",
      expected: [true, false],
    },
    { note: "custom data array contains the partition", read: { "%%user.custom_data.readPartitions": "%%partition" }, write: false, partition: "team=red", expected: [true, false] },
    { note: "the user's own partition", read: false, write: { "%%user.id": "%%partition" }, partition: ALICE.id, expected: [true, true] },
    { note: "write implies read", read: false, write: true, partition: "x", expected: [true, true] },
  ])("$note", async ({ read, write, partition, expected }) => {
    const result = await evaluateSyncPermissions(sync(read, write), ALICE, partition);
    expect([result.read, result.write]).toEqual(expected);
    expect(result.trace).toBeUndefined();
  });

  it("runs the tutorial backend's %function permissions", async () => {
    const canRead: Record<string, string[]> = { [ALICE.id]: [`user=${ALICE.id}`, `project=${BOB.id}`] };
    const canWrite: Record<string, string[]> = { [ALICE.id]: [`project=${ALICE.id}`] };
    const permissions = (name: string) => ({ "%%true": { "%function": { arguments: ["%%partition"], name } } });
    const config = sync(permissions("canReadPartition"), permissions("canWritePartition"));
    const callFunction = vi.fn(async (name: string, args: unknown[]) => {
      const lists = name === "canReadPartition" ? canRead : canWrite;
      return (lists[ALICE.id] ?? []).includes(args[0] as string);
    });
    const open = (partition: string) => evaluateSyncPermissions(config, ALICE, partition, { callFunction });
    expect(await open(`project=${ALICE.id}`)).toMatchObject({ read: true, write: true });
    expect(await open(`project=${BOB.id}`)).toMatchObject({ read: true, write: false });
    expect(await open("project=nobody")).toMatchObject({ read: false, write: false });
    expect(callFunction).toHaveBeenCalledWith("canWritePartition", ["project=nobody"]);
  });

  it("enforces nothing in development mode", async () => {
    const result = await evaluateSyncPermissions(sync(false, false, { development_mode_enabled: true }), ALICE, "p");
    expect(result).toMatchObject({ read: true, write: true });
  });

  it("grants nothing when Sync is disabled or absent", async () => {
    expect(await evaluateSyncPermissions(sync(true, true, { state: "disabled" }), ALICE, "p")).toMatchObject({ read: false, write: false });
    expect(await evaluateSyncPermissions(undefined, ALICE, "p")).toMatchObject({ read: false, write: false, reason: "Sync is not enabled" });
  });

  it("returns a trace on request", async () => {
    const result = await evaluateSyncPermissions(sync({ "%%partition": "PUBLIC" }, { "%%user.id": "%%partition" }), BOB, "PUBLIC", { trace: true });
    expect(result.trace).toMatchObject({
      operation: "sync",
      allowed: true,
      document: [
        { name: "write", where: "partition.permissions.write", result: false },
        { name: "read", where: "partition.permissions.read", result: true },
      ],
    });
    expect(formatDecisionTrace(result.trace!)).toEqual([
      "sync → allowed: read permission only",
      "  write: false (partition.permissions.write, expression)",
      `      %%user.id ("${BOB.id}") == %%partition ("PUBLIC") → false`,
      "  read: true (partition.permissions.read, expression)",
      '      %%partition ("PUBLIC") == "PUBLIC" → true',
    ]);
  });

  it("rejects with the location of an expression that cannot be evaluated", async () => {
    await expect(evaluateSyncPermissions(sync({ "%%partition": { $in: "%%user.id" } }, false), ALICE, "p")).rejects.toThrowError(
      /^partition\.permissions\.read/,
    );
  });
});
