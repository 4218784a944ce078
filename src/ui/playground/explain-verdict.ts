/**
 * The answer to "why is this null?" from an Explain report, in one sentence: the rules
 * withheld the document or hid the field, or the data simply holds nothing there.
 */
import type { ExplainReport, OperationReport } from "../state/graphql-api.ts";

export function nullVerdict(report: ExplainReport, path: readonly (string | number)[]): string | undefined {
  const [root, ...rest] = path;
  const field = report.fields.find((f) => f.kind === "root" && f.key === root);
  if (!field || field.operations.length === 0) return undefined;
  const ops = field.operations;
  const keptFromUser = sum(ops, (op) => op.withheld.count + op.filteredOut.count);

  if (rest.length === 0) {
    if (keptFromUser > 0) {
      return `The rules kept ${keptFromUser === 1 ? "a matching document" : `${keptFromUser} matching documents`} from this user: they are listed below, with Why? beside each.`;
    }
    if (sum(ops, (op) => op.matched) === 0) return "No document matched the query, so the rules had nothing to hide: there is no such document.";
    return undefined;
  }

  // `task.assignee` names the one document; `tasks.2.status` the third of the list.
  const index = typeof rest[0] === "number" ? rest[0] : 0;
  const fieldPath = (typeof rest[0] === "number" ? rest.slice(1) : rest).filter((p): p is string => typeof p === "string");
  if (fieldPath.length !== 1) return undefined; // Deeper: a related document, read by its own operation below.
  const name = fieldPath[0];
  const op = ops.find((o) => o.returnedIds.length > index);
  const id = op?.returnedIds[index];
  if (!op || id === undefined) return undefined;
  const hidden = op.hidden.documents.find((d) => JSON.stringify(d.id) === JSON.stringify(id));
  if (hidden?.fields.some((f) => f === name || f.startsWith(`${name}.`))) {
    return `The rules hid ${name} of this document from this user: Why? beside it below shows the permission that decided.`;
  }
  return `The rules did not hide ${name}: this document holds no value there.`;
}

function sum(ops: OperationReport[], count: (op: OperationReport) => number): number {
  return ops.reduce((total, op) => total + count(op), 0);
}
