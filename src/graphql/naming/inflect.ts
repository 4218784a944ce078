/**
 * English plural and singular forms by the Rails ActiveSupport default inflections,
 * which App Services used for query names (`mouse` → `mice`) and embedded type names
 * (`item_fields` → `Item_field`, `adminData` → `AdminDatum`). Later rules win, as in Rails.
 */

type Rule = readonly [RegExp, string];

const PLURALS: Rule[] = [
  [/$/, "s"],
  [/s$/i, "s"],
  [/^(ax|test)is$/i, "$1es"],
  [/(octop|vir)us$/i, "$1i"],
  [/(octop|vir)i$/i, "$1i"],
  [/(alias|status)$/i, "$1es"],
  [/(bu)s$/i, "$1ses"],
  [/(buffal|tomat)o$/i, "$1oes"],
  [/([ti])um$/i, "$1a"],
  [/([ti])a$/i, "$1a"],
  [/sis$/i, "ses"],
  [/(?:([^f])fe|([lr])f)$/i, "$1$2ves"],
  [/(hive)$/i, "$1s"],
  [/([^aeiouy]|qu)y$/i, "$1ies"],
  [/(x|ch|ss|sh)$/i, "$1es"],
  [/(matr|vert|ind)(?:ix|ex)$/i, "$1ices"],
  [/^(m|l)ouse$/i, "$1ice"],
  [/^(m|l)ice$/i, "$1ice"],
  [/^(ox)$/i, "$1en"],
  [/^(oxen)$/i, "$1"],
  [/(quiz)$/i, "$1zes"],
];

const SINGULARS: Rule[] = [
  [/s$/i, ""],
  [/(ss)$/i, "$1"],
  [/(n)ews$/i, "$1ews"],
  [/([ti])a$/i, "$1um"],
  [/((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(sis|ses)$/i, "$1sis"],
  [/(^analy)(sis|ses)$/i, "$1sis"],
  [/([^f])ves$/i, "$1fe"],
  [/(hive)s$/i, "$1"],
  [/(tive)s$/i, "$1"],
  [/([lr])ves$/i, "$1f"],
  [/([^aeiouy]|qu)ies$/i, "$1y"],
  [/(s)eries$/i, "$1eries"],
  [/(m)ovies$/i, "$1ovie"],
  [/(x|ch|ss|sh)es$/i, "$1"],
  [/^(m|l)ice$/i, "$1ouse"],
  [/(bus)(es)?$/i, "$1"],
  [/(o)es$/i, "$1"],
  [/(shoe)s$/i, "$1"],
  [/(cris|test)(is|es)$/i, "$1is"],
  [/^(a)x[ie]s$/i, "$1xis"],
  [/(octop|vir)(us|i)$/i, "$1us"],
  [/(alias|status)(es)?$/i, "$1"],
  [/^(ox)en/i, "$1"],
  [/(vert|ind)ices$/i, "$1ex"],
  [/(matr)ices$/i, "$1ix"],
  [/(quiz)zes$/i, "$1"],
  [/(database)s$/i, "$1"],
];

const IRREGULARS: readonly [string, string][] = [
  ["person", "people"],
  ["man", "men"],
  ["child", "children"],
  ["sex", "sexes"],
  ["move", "moves"],
  ["zombie", "zombies"],
];

const UNCOUNTABLE = /(?:^|[^a-z])(?:equipment|information|rice|money|species|series|fish|sheep|jeans|police)$/i;

// Irregulars are declared after the regular rules, so they take precedence; like Rails
// they match at the end of the word and keep the case of its first letter.
for (const [single, many] of IRREGULARS) {
  const s0 = single[0];
  const p0 = many[0];
  PLURALS.push([new RegExp(`(${s0})${single.slice(1)}$`, "i"), `$1${many.slice(1)}`]);
  PLURALS.push([new RegExp(`(${p0})${many.slice(1)}$`, "i"), `$1${many.slice(1)}`]);
  SINGULARS.push([new RegExp(`(${s0})${single.slice(1)}$`, "i"), `$1${single.slice(1)}`]);
  SINGULARS.push([new RegExp(`(${p0})${many.slice(1)}$`, "i"), `$1${single.slice(1)}`]);
}

function inflect(word: string, rules: Rule[]): string {
  if (word === "" || UNCOUNTABLE.test(word)) return word;
  for (let i = rules.length - 1; i >= 0; i--) {
    const [pattern, replacement] = rules[i];
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
}

export function pluralize(word: string): string {
  return inflect(word, PLURALS);
}

export function singularize(word: string): string {
  return inflect(word, SINGULARS);
}
