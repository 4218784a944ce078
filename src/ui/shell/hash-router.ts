import type { ReactiveController, ReactiveControllerHost } from "lit";

/** The path of the location's hash (`#/rules/tracker/tasks` → `/rules/tracker/tasks`), without its query. */
export function currentPath(): string {
  const hash = location.hash.replace(/^#/, "");
  const path = hash.split("?")[0];
  return path.startsWith("/") ? path : `/${path}`;
}

/** Follows the hash: back, forward and reload keep the screen, and every screen has a link. */
export class HashRouter implements ReactiveController {
  path = currentPath();
  private readonly onChange = () => {
    this.path = currentPath();
    this.host.requestUpdate();
  };

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener("hashchange", this.onChange);
  }

  hostDisconnected(): void {
    window.removeEventListener("hashchange", this.onChange);
  }

  go(path: string): void {
    location.hash = `#${path}`;
  }
}
