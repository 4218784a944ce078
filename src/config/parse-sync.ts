import type { ParseContext } from "./context.ts";
import { SYNC_CONFIG } from "./paths.ts";
import type { DataSourceConfig, SyncConfig, SyncPartitionConfig } from "./types.ts";

export const SYNC_STATES = ["enabled", "disabled"] as const;
export const PARTITION_TYPES = ["string", "objectId", "long", "int", "uuid"] as const;

/** sync/config.json (partition-based Sync, as the tutorial used it). */
export function parseSync(ctx: ParseContext, dataSources: DataSourceConfig[]): SyncConfig | undefined {
  const obj = ctx.readObject(SYNC_CONFIG);
  if (!obj) return undefined;
  const f = ctx.fields(SYNC_CONFIG);
  const state = f.oneOf(obj, "state", SYNC_STATES, "", true) ?? "disabled";
  const enabled = state === "enabled";
  const developmentMode = f.boolean(obj, "development_mode_enabled") ?? false;
  const serviceName = f.string(obj, "service_name", "", enabled);
  const databaseName = f.string(obj, "database_name", "", enabled);
  if (serviceName && !dataSources.some((d) => d.name === serviceName)) {
    ctx.report(SYNC_CONFIG, `"service_name" is "${serviceName}", but there is no data source with that name`);
  }
  f.string(obj, "last_disabled");

  let partition: SyncPartitionConfig | undefined;
  const flexible = f.object(obj, "flexible");
  const rawPartition = f.object(obj, "partition", "", enabled && !flexible);
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
