import type { Expansion } from "./_expansion.ts";

/**
 * `%%partition`: the partition value (string, number or ObjectId) a partition-based Sync
 * client opens, e.g. `{"%%user.custom_data.readPartitions": "%%partition"}`.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-expansion-partition
 */
export const partition: Expansion = {
  name: "partition",
  resolve: (ctx) => ctx.partition,
};
