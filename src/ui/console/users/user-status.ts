import type { UserSummary } from "../../state/users-api.ts";

/** How a user's state reads on the screen, and what it means for a learner. */
export function statusOf(user: UserSummary): { label: string; hint: string; tone: "ok" | "warning" | "muted" | "danger" } {
  if (user.disabled) return { label: "Disabled", hint: "Cannot log in; its sessions were ended.", tone: "danger" };
  switch (user.status) {
    case "pending-confirmation":
      return { label: "Pending confirmation", hint: "Registered, but the email address is not confirmed yet, so it cannot log in.", tone: "warning" };
    case "pending-login":
      return { label: "Pending first login", hint: "Confirmed and can log in; its user object is created at its first login.", tone: "muted" };
    default:
      return { label: "Confirmed", hint: user.lastLoginAt === undefined ? "Can log in; it has not logged in yet." : "Can log in.", tone: "ok" };
  }
}

/** A time as the screen shows it: local date and time, to the minute. */
export function when(ms: number | undefined): string {
  if (ms === undefined) return "never";
  return new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** Whether the console may open a session for the user (as a client login could). */
export function canRunAs(user: UserSummary): boolean {
  return !user.disabled && user.status !== "pending-confirmation";
}
