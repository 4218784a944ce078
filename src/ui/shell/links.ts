/** Links between screens, apart from the route table so screens never import the table that loads them. */

/** A hash link to a screen: `href("data", db, coll)` → `#/data/db/coll`. */
export function href(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join("/")}`;
}
