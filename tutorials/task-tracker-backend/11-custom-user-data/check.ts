import { Problems, isObject, peekJson, show } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const config = peekJson(draft, "auth/custom_user_data.json");
  if (!isObject(config) || config.enabled !== true) {
    problems.add("Custom user data is switched off: tick Custom user data enabled and save it.");
    return problems.result();
  }
  problems.expect(config.mongo_service_name === "mongodb-atlas", `Custom user data uses the cluster ${show(config.mongo_service_name)}; it should be \`mongodb-atlas\`.`);
  problems.expect(config.database_name === "tracker", `Custom user data reads the database ${show(config.database_name)}; it should be \`tracker\`.`);
  problems.expect(config.collection_name === "users", `Custom user data reads the collection ${show(config.collection_name)}; it should be \`users\`.`);
  problems.expect(config.user_id_field === "user_id", `Custom user data matches users on the field ${show(config.user_id_field)}; it should be \`user_id\`.`);
  return problems.result();
}
