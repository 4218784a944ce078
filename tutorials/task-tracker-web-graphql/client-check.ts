/**
 * Readers for the web client tutorial's checks: the client's app.js as the draft holds it
 * (the app's static hosting files), and the GraphQL operations pasted into it.
 */
import { parse } from "graphql";

import { Problems } from "../../src/tutorial/check-helpers.ts";
import type { AppFileMap } from "../../src/tutorial/types.ts";

export const APP_JS = "hosting/files/app.js";

/** The client's app.js, or undefined after saying how to get it into the draft. */
export function clientSource(draft: AppFileMap, problems: Problems): string | undefined {
  const source = draft[APP_JS];
  if (source === undefined) problems.add(`The client's app.js is not in the draft yet (${APP_JS}): open Web client, edit app.js, and it is saved as you type.`);
  return source;
}

/** The text between gql` and ` of `const NAME = gql`…``, or undefined when NAME is not an operation yet. */
export function operationText(source: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*gql\\s*\`([^\`]*)\``).exec(source);
  return match?.[1];
}

/**
 * Checks that app.js defines NAME as a gql operation that parses and matches each
 * pattern; each failing pattern adds its sentence. Comments (# …) are ignored.
 */
export function expectOperation(source: string, name: string, expected: { pattern: RegExp; problem: string }[], problems: Problems): void {
  const text = operationText(source, name);
  if (text === undefined) {
    problems.add(`In app.js, \`${name}\` is not a GraphQL operation yet: replace \`null\` with gql\`…\` and paste the operation between the backticks.`);
    return;
  }
  try {
    parse(text);
  } catch (error) {
    problems.add(`The \`${name}\` operation in app.js is not valid GraphQL: ${(error as Error).message}`);
    return;
  }
  const flat = text.replace(/#[^\n]*/g, "").replace(/\s+/g, " ");
  for (const { pattern, problem } of expected) problems.expect(pattern.test(flat), problem);
}

/** Whether app.js uses NAME somewhere besides defining it. */
export function usesName(source: string, name: string): boolean {
  return (source.match(new RegExp(`\\b${name}\\b`, "g")) ?? []).length >= 2;
}
