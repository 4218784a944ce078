/**
 * Authentication, database and scheduled triggers.
 * https://www.mongodb.com/docs/atlas/app-services/triggers/
 */
export { installTriggers, triggersOf } from "./install.ts";
export { TriggerManager, DEFAULT_MAX_CASCADE_DEPTH, type TriggerOptions } from "./manager.ts";
export { parseCron, CronError, type CronSchedule } from "./cron.ts";
