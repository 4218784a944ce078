import type { ParseContext } from "./context.ts";
import { SYNC_CONFIG } from "./paths.ts";
import type { DataSourceConfig, SyncConfig, SyncPartitionConfig } from "./types.ts";

export const SYNC_STATES = ["enabled", "disabled"] as const;
export const PARTITION_TYPES = ["string", "objectId", "long", "int", "uuid"] as const;

/**
 * sync/config.json. Partition-based Sync (as the tutorial used it) is emulated: its
 * permissions replace the rules on the synced database. Flexible Sync is kept and
 * exported again, but its clients and permissions are not run. Exports of apps that
 * never used Sync write this file without a `state`, or with `"state": ""`.
 */
export function parseSync(ctx: ParseContext, dataSources: DataSourceConfig[]): SyncConfig | undefined {
  const obj = ctx.readObject(SYNC_CONFIG);
  if (!obj) return undefined;
  const f = ctx.fields(SYNC_CONFIG);
  const flexible = obj.type === "flexible" || f.object(obj, "flexible") !== undefined;
  let state: string = "disabled";
  if (obj.state === undefined || obj.state === "") {
    const said = obj.state === undefined ? 'no "state"' : '"state" is ""';
    ctx.note(SYNC_CONFIG, "normalized", `${said}: Sync is off, as in an export of an app that never enabled it`);
  } else {
    state = f.oneOf(obj, "state", SYNC_STATES) ?? "disabled";
  }
  const enabled = state === "enabled";
  if (enabled) {
    ctx.note(SYNC_CONFIG, "inert", flexible
      ? "Flexible Sync is kept but not run: there is no Device Sync server, and its permissions do not apply to client API calls (the collection rules do)"
      : "Device Sync clients cannot connect; the partition permissions apply to client API calls on the synced data, as the rules of a synced app did");
  }
  const developmentMode = f.boolean(obj, "development_mode_enabled") ?? false;
  const serviceName = f.string(obj, "service_name", "", enabled);
  const databaseName = f.string(obj, "database_name");
  if (serviceName && !dataSources.some((d) => d.name === serviceName)) {
    ctx.report(SYNC_CONFIG, `"service_name" is "${serviceName}", but there is no data source with that name`);
  }
  if (obj.last_disabled !== undefined && typeof obj.last_disabled !== "string" && typeof obj.last_disabled !== "number") {
    f.wrong("", "last_disabled", "a string or a number", obj.last_disabled);
  }
  if (flexible) {
    const result: SyncConfig = { ...obj, state, development_mode_enabled: developmentMode };
    delete result.partition;
    return result;
  }

  let partition: SyncPartitionConfig | undefined;
  const rawPartition = f.object(obj, "partition", "", enabled);
  if (rawPartition) {
    const key = f.string(rawPartition, "key", "partition", true);
    const type = f.oneOf(rawPartition, "type", PARTITION_TYPES, "partition", true);
    const required = f.boolean(rawPartition, "required", "partition") ?? false;
    const perms = f.object(rawPartition, "permissions", "partition") ?? {};
    // An empty expression {} is true, which is what the "No template" choice leaves.
    const read = f.permission(perms, "read", "partition.permissions") ?? {};
    const write = f.permission(perms, "write", "partition.permissions") ?? {};
    if (key !== undefined && type !== undefined) {
      partition = { key, type, required, permissions: { read, write } };
    }
  }

  const result: SyncConfig = { ...obj, state, development_mode_enabled: developmentMode };
  if (serviceName !== undefined) result.service_name = serviceName;
  if (databaseName !== undefined) result.database_name = databaseName;
  if (partition) result.partition = partition;
  else delete result.partition;
  return result;
}
