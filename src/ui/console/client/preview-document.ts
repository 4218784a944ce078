/**
 * Builds the document the Web client preview runs: the learner's index.html with, at the
 * very start of its <head>, an import map (realm-web and graphql-client by bare name, to
 * modules of this site's build) and a small script that reports console output and
 * uncaught errors to the page. app.js is handed over as a Blob URL. Everything injected
 * stays on the line of <head>, so line numbers in index.html remain the learner's own.
 */

/** The learner's files, by their name in the workspace. */
export interface ClientFiles {
  "index.html": string;
  "app.js": string;
}

export type ClientFileName = keyof ClientFiles;
export const CLIENT_FILE_NAMES: readonly ClientFileName[] = ["index.html", "app.js"];

/** What the preview posts to the page. */
export interface PreviewMessage {
  source: "rs-client-preview";
  session: string;
  kind: "console" | "error";
  level: "log" | "info" | "warn" | "error" | "debug";
  text: string;
  file?: string;
  line?: number;
  column?: number;
}

export function isPreviewMessage(data: unknown): data is PreviewMessage {
  return typeof data === "object" && data !== null && (data as PreviewMessage).source === "rs-client-preview";
}

/** Where the preview's libraries are: built entries in production, their sources under Vite's dev server. */
export function libraryUrls(base: string, dev: boolean): Record<string, string> {
  const at = (name: string) => new URL(dev ? `src/preview/${name}.ts` : `preview/${name}.js`, base).href;
  return { "realm-web": at("realm-web"), "graphql-client": at("graphql-client") };
}

/**
 * Runs first inside the frame (a classic script): forwards console calls, uncaught errors
 * and unhandled rejections with the file and line they came from, and tells the client
 * which app it talks to. `files` maps the Blob URLs back to the learner's file names.
 */
function bootstrap(session: string, appId: string, files: Record<string, string>): string {
  const source = () => {
    const config = (window as any).__RS_PREVIEW__ as { session: string; appId: string; files: Record<string, string> };
    (window as any).REALM_APP_ID = config.appId;
    const post = (message: Record<string, unknown>) => parent.postMessage({ source: "rs-client-preview", session: config.session, ...message }, "*");
    const fileOf = (url: string | undefined) => (url ? (config.files[url] ?? (url === "about:srcdoc" || url === location.href ? "index.html" : url)) : undefined);
    const show = (value: unknown): string => {
      if (typeof value === "string") return value;
      if (value instanceof Error) return `${value.name}: ${value.message}`;
      try {
        return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? `${v}n` : v)) ?? String(value);
      } catch {
        return String(value);
      }
    };
    /** The first frame of a stack that is one of the learner's files. */
    const where = (stack: unknown) => {
      if (typeof stack !== "string") return {};
      for (const match of stack.matchAll(/(blob:[^\s)]+|about:srcdoc):(\d+):(\d+)/g)) {
        const file = fileOf(match[1]);
        if (file && !file.startsWith("blob:")) return { file, line: Number(match[2]), column: Number(match[3]) };
      }
      return {};
    };
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      const original = console[level].bind(console);
      console[level] = (...args: unknown[]) => {
        post({ kind: "console", level, text: args.map(show).join(" ") });
        original(...args);
      };
    }
    addEventListener(
      "error",
      (event) => {
        // A module that failed to load (a missing file or import) fails on its <script>, not on the window.
        const target = event.target as HTMLScriptElement | null;
        if (target instanceof HTMLScriptElement) {
          const file = fileOf(target.src) ?? "index.html";
          post({ kind: "error", level: "error", text: `${file} could not be loaded, or one of the modules it imports could not (check the names after "from")`, file });
        }
      },
      true,
    );
    addEventListener("error", (event) => {
      if (!(event instanceof ErrorEvent)) return;
      const error = event.error as { stack?: string } | undefined;
      const at = event.filename ? { file: fileOf(event.filename), line: event.lineno, column: event.colno } : where(error?.stack);
      let text = event.message || show(event.error);
      if (/resolve module specifier/i.test(text)) text += " The preview offers realm-web and graphql-client by name; nothing else can be imported.";
      post({ kind: "error", level: "error", text, ...at });
    });
    addEventListener("unhandledrejection", (event) => {
      const reason = event.reason as { stack?: string } | undefined;
      post({ kind: "error", level: "error", text: `Uncaught (in promise) ${show(reason)}`, ...where(reason?.stack) });
    });
  };
  const config = JSON.stringify({ session, appId, files });
  return `window.__RS_PREVIEW__=${config};(${source.toString()})();`;
}

/** The preview's HTML and the Blob URLs it uses (revoke them when the preview is replaced). */
export function previewDocument(files: ClientFiles, options: { session: string; appId: string; libraries: Record<string, string> }): { html: string; blobUrls: string[] } {
  const appUrl = URL.createObjectURL(new Blob([files["app.js"]], { type: "text/javascript" }));
  // The reporter is a file of its own too, so what is injected holds no line break.
  const reporterUrl = URL.createObjectURL(new Blob([bootstrap(options.session, options.appId, { [appUrl]: "app.js" })], { type: "text/javascript" }));
  const importMap = JSON.stringify({ imports: options.libraries }).replace(/</g, "\\u003c");
  const injected = `<script type="importmap">${importMap}</script><script src="${reporterUrl}"></script>`;
  // app.js is loaded from its Blob URL wherever index.html names it.
  let html = files["index.html"].replace(/(<script\b[^>]*\bsrc\s*=\s*)(["'])(?:\.\/)?app\.js\2/gi, `$1$2${appUrl}$2`);
  const head = /<head\b[^>]*>/i.exec(html);
  if (head) html = html.slice(0, head.index + head[0].length) + injected + html.slice(head.index + head[0].length);
  else {
    const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
    const at = doctype ? doctype[0].length : 0;
    html = html.slice(0, at) + injected + html.slice(at);
  }
  return { html, blobUrls: [appUrl, reporterUrl] };
}
