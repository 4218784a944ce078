/**
 * realm-web for the Web client preview, as a module of its own: the preview's import map
 * points the bare name `realm-web` here. Built as a separate file, never part of the page.
 */
import * as Realm from "realm-web";

export * from "realm-web";
export default Realm;
