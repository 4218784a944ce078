/**
 * What the tutorial panel remembers in this browser: whether it is open and how wide,
 * which tutorial it shows, and per tutorial the steps checked done and the current step.
 * Kept in localStorage, so a reload (or a deep link's redirect) finds it again.
 */
const PANEL_KEY = "realm-sandbox:tutorial:panel";
const PROGRESS_KEY = "realm-sandbox:tutorial:progress:";
const BACKUP_KEY = "realm-sandbox:tutorial:backup:";

/** The tutorial a first visit opens. */
export const FIRST_TUTORIAL = "task-tracker-backend";
export const MIN_WIDTH = 280;
export const MAX_WIDTH = 720;
export const DEFAULT_WIDTH = 400;

export interface PanelPrefs {
  open: boolean;
  width: number;
  /** The tutorial shown, or undefined while the list of tutorials is shown. */
  tutorial: string | undefined;
}

export interface TutorialProgress {
  /** Step ids whose check passed. */
  done: string[];
  /** The step the learner is on. */
  current: string | undefined;
}

/** A copy of the learner's draft taken before the panel replaced it. */
export interface DraftBackup {
  appId: string;
  savedAt: number;
  /** The step whose starting state replaced it. */
  reason: string;
  files: Record<string, string>;
}

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function read<T>(storage: Store, key: string): Partial<T> | undefined {
  try {
    const value = JSON.parse(storage.getItem(key) ?? "null") as unknown;
    return value && typeof value === "object" ? (value as Partial<T>) : undefined;
  } catch {
    return undefined; // A damaged entry counts as none.
  }
}

export const clampWidth = (width: number): number => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));

export function loadPrefs(storage: Store = localStorage): PanelPrefs {
  const saved = read<PanelPrefs>(storage, PANEL_KEY);
  // No entry at all is a first visit: open on the first tutorial.
  if (!saved) return { open: true, width: DEFAULT_WIDTH, tutorial: FIRST_TUTORIAL };
  return {
    open: saved.open !== false,
    width: clampWidth(typeof saved.width === "number" ? saved.width : DEFAULT_WIDTH),
    tutorial: typeof saved.tutorial === "string" ? saved.tutorial : undefined,
  };
}

export function savePrefs(change: Partial<PanelPrefs>, storage: Store = localStorage): PanelPrefs {
  const next = { ...loadPrefs(storage), ...change };
  storage.setItem(PANEL_KEY, JSON.stringify(next));
  return next;
}

export function loadProgress(tutorial: string, storage: Store = localStorage): TutorialProgress {
  const saved = read<TutorialProgress>(storage, PROGRESS_KEY + tutorial);
  return {
    done: Array.isArray(saved?.done) ? saved.done.filter((id): id is string => typeof id === "string") : [],
    current: typeof saved?.current === "string" ? saved.current : undefined,
  };
}

export function saveProgress(tutorial: string, progress: TutorialProgress, storage: Store = localStorage): void {
  storage.setItem(PROGRESS_KEY + tutorial, JSON.stringify(progress));
}

export function loadBackup(appId: string, storage: Store = localStorage): DraftBackup | undefined {
  const saved = read<DraftBackup>(storage, BACKUP_KEY + appId);
  return saved && saved.files && typeof saved.savedAt === "number" ? (saved as DraftBackup) : undefined;
}

/** Keeps one copy per app (the latest); answers false when the browser refused to store it. */
export function saveBackup(backup: DraftBackup, storage: Store = localStorage): boolean {
  try {
    storage.setItem(BACKUP_KEY + backup.appId, JSON.stringify(backup));
    return true;
  } catch {
    return false;
  }
}

export function dropBackup(appId: string, storage: Store = localStorage): void {
  storage.removeItem(BACKUP_KEY + appId);
}

/** The hash path of a step's deep link. */
export const stepLink = (tutorial: string, step: string): string => `#/learn/${encodeURIComponent(tutorial)}/${encodeURIComponent(step)}`;

/** Tells an open panel that a deep link chose a step (the panel also reads the saved progress on load). */
export const OPEN_STEP_EVENT = "rs-tutorial-open-step";
export interface OpenStepDetail {
  tutorial: string;
  step: string;
}
