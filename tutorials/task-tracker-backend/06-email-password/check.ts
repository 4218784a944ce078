import { Problems, functionSource, objectAt, providerOf } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const provider = providerOf(draft, "local-userpass");
  if (!provider) {
    problems.add("The Email/Password provider is not set up: tick Provider enabled and save it.");
    return problems.result();
  }
  problems.expect(provider.disabled !== true, "The Email/Password provider is switched off: tick Provider enabled.");
  const config = objectAt(provider, "config") ?? {};
  problems.expect(config.autoConfirm === true, "Email/Password does not confirm users automatically: choose Confirm users automatically.");
  problems.expect(config.runResetFunction === true, "Email/Password does not reset passwords with a function: choose Run a password reset function.");
  if (problems.expect(config.resetFunctionName === "resetFunc", `The password reset function is ${config.resetFunctionName ? `\`${String(config.resetFunctionName)}\`` : "not chosen"}; it should be \`resetFunc\`.`)) {
    problems.expect(functionSource(draft, "resetFunc") !== undefined, "The function `resetFunc` does not exist: pick + New function… and click Create function.");
  }
  return problems.result();
}
