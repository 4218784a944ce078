import { Problems, functionSource, show, triggerOf } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const trigger = triggerOf(draft, "onNewUser");
  if (!trigger) {
    problems.add("There is no trigger named `onNewUser` yet: click Add a trigger on the Triggers screen.");
    return problems.result();
  }
  problems.expect(trigger.type === "AUTHENTICATION", `The trigger \`onNewUser\` is of type ${show(trigger.type)}; choose Authentication.`);
  const config = (trigger.config ?? {}) as Record<string, unknown>;
  const operations = typeof config.operation_type === "string" ? [config.operation_type] : Array.isArray(config.operation_types) ? config.operation_types : [];
  problems.expect(operations.map((o) => String(o).toUpperCase()).includes("CREATE"), "The trigger `onNewUser` does not fire on CREATE, when an account is made.");
  const providers = Array.isArray(config.providers) ? config.providers : [];
  problems.expect(providers.includes("local-userpass"), "The trigger `onNewUser` does not listen to the Email/Password provider (local-userpass).");
  problems.expect(trigger.disabled !== true, "The trigger `onNewUser` is switched off: tick Enabled.");
  const name = typeof trigger.function_name === "string" ? trigger.function_name : "";
  if (!problems.expect(name === "createNewUserDocument", `The trigger \`onNewUser\` runs ${name ? `\`${name}\`` : "no function"}; it should run \`createNewUserDocument\`.`)) return problems.result();
  const source = functionSource(draft, name);
  if (!problems.expect(source !== undefined, "The function `createNewUserDocument` does not exist.")) return problems.result();
  const code = source!.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "");
  problems.expect(/\.db\(\s*["'`]tracker["'`]\s*\)/.test(code), "`createNewUserDocument` does not open the `tracker` database.");
  problems.expect(/\.collection\(\s*["'`]users["'`]\s*\)/.test(code), "`createNewUserDocument` does not use the `users` collection.");
  problems.expect(/\.insertOne\(/.test(code), "`createNewUserDocument` inserts no document (insertOne).");
  problems.expect(/user_id\s*:\s*user\.id\b/.test(code), "`createNewUserDocument` does not store the new user's id as `user_id: user.id`.");
  problems.expect(/\b_partition\s*:/.test(code), "`createNewUserDocument` gives the profile no `_partition`, which the User schema requires.");
  problems.expect(/\bname\s*:/.test(code), "`createNewUserDocument` gives the profile no `name`, which the User schema requires.");
  return problems.result();
}
