import { Problems, isObject, objectAt, peekJson, show } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const sync = peekJson(draft, "sync/config.json");
  if (!isObject(sync)) {
    problems.add("Device Sync is not set up yet: fill in its settings and click Save without enabling.");
    return problems.result();
  }
  problems.expect(sync.type === undefined || sync.type === "partition", `Sync is set up as ${show(sync.type)} Sync; this step uses partition-based Sync.`);
  problems.expect(sync.service_name === "mongodb-atlas", `Sync uses the cluster ${show(sync.service_name)}; choose \`mongodb-atlas\`.`);
  problems.expect(sync.database_name === "tracker", `Sync uses the database ${show(sync.database_name)}; it should be \`tracker\`.`);
  const partition = objectAt(sync, "partition");
  problems.expect(partition?.key === "_partition", `The partition key is ${show(partition?.key)}; it should be \`_partition\`.`);
  problems.expect(partition?.type === "string", `The partition key type is ${show(partition?.type)}; it should be \`string\`.`);
  const permissions = objectAt(partition, "permissions");
  problems.expect(permissions?.read !== undefined && permissions?.write !== undefined, "Sync has no read and write permissions; leave both as {}.");
  problems.expect(
    sync.state !== "enabled",
    "Sync is switched on, so its permissions replace the roles of `tracker` for the web client, and {} lets anyone change any task. Click Disable Sync; the settings stay.",
  );
  return problems.result();
}
