// Writes src/domain/confusables.generated.ts: the look-alike table of `guestEmailKey`, made from
// Unicode's confusables data (UTS #39). `node scripts/generate-confusables.mjs` writes the module;
// `--check` only compares, and fails when the committed module is not what the pinned data gives.
//
// The data: Unicode's confusables.txt 13.0.0, as the `unhomoglyph` package ships it (its
// data.json is that file's mapping, every source code point to its prototype; its changelog names
// the version). The package is a development dependency pinned to one version, and the digest of
// the file is checked here, so the table changes only when someone moves the pin on purpose.
//
// What the table holds: every code point whose prototype is made of ASCII letters and digits (once
// the prototype's accents are set aside), mapped to that prototype in lower case, as the key sees
// it. The key folds compatibility forms and case BEFORE it looks a character up (G10 says that two
// spellings that differ only in case are one guest), so the table is keyed by the folded form of
// each code point: `Α` (Greek capital alpha) is looked up as `α`. Where the folded form has a
// prototype of its own, that one wins: `Η` (Greek capital eta, drawn as H) folds to `η`, drawn as
// n. The few code points whose folded form thus leads elsewhere are counted as exceptions below.
// A code point whose case partners agree with it is also kept under its own form, looked up before
// folding (`ϲ`, the lunate sigma, is c; folded it would be the σ that looks like o).
// Three choices beyond the data: the letters i and l are one (a capital I is drawn as l, and case
// is folded, so the small i must go with them; 0 is o and 1 is l as the data says); a few
// look-alikes the data does not list are kept from the hand-made table this one replaced
// (HOUSE below); and the key turns `rn` into `m` (the data's one prototype of an ASCII letter made
// of two letters) and `vv` into `w` after the lookup, in text.ts.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const OUTPUT = fileURLToPath(new URL('../src/domain/confusables.generated.ts', import.meta.url));

/** The pinned source: the package, its version, the Unicode version it ships, and the file's digest. */
export const SOURCE = {
  package: 'unhomoglyph',
  version: '1.0.6',
  unicode: '13.0.0',
  sha256: '2fb1ef5aa83ace3438c1cbd6f2fd413cd62ab20906b6101511eb5db11e70ae1c',
};

/** Look-alikes Unicode's data does not list, kept from the table this one replaced. */
const HOUSE = { п: 'n', μ: 'u', ω: 'w', ʟ: 'l', ȷ: 'j' };
/** ASCII that folds to other ASCII: the data's 0 → O, 1 → l and | → l, and i with l. */
const MERGED = { 0: 'o', 1: 'l', i: 'l', '|': 'l' };

// The steps of the key before the lookup, as text.ts takes them.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;
const MARKS = /[\p{Mn}\p{Me}]/gu;
const bare = (text) => text.normalize('NFKD').replace(INVISIBLE, '').replace(MARKS, '');
const folded = (text) => bare(text).normalize('NFKC').toUpperCase().toLowerCase();
const isAscii = (char) => char.codePointAt(0) < 0x80;
// What the table may hold: a local part outside ASCII is letters, marks and digits (text.ts).
const ALLOWED = /^[\p{L}\p{M}\p{Nd}]$/u;

/** The pinned data: every source code point and its prototype. */
export function readData() {
  const path = require.resolve(`${SOURCE.package}/data.json`);
  const { version } = require(`${SOURCE.package}/package.json`);
  const bytes = readFileSync(path);
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (version !== SOURCE.version || digest !== SOURCE.sha256) {
    throw new Error(`${SOURCE.package} ${version} (sha256 ${digest}) is not the pinned ${SOURCE.version} (${SOURCE.sha256})`);
  }
  return JSON.parse(bytes.toString('utf8'));
}

/** The prototype as the key spells it: accents set aside, lower case, i and l as one; `null` unless ASCII letters and digits. */
function target(prototype) {
  const spelled = [...bare(prototype).toLowerCase()].map((char) => MERGED[char] ?? char).join('');
  return /^[a-z0-9]+$/.test(spelled) ? spelled : null;
}

/** The table: each code point the key looks up, and the ASCII it stands for. */
export function buildTable(data) {
  const entries = Object.entries(data)
    .map(([source, prototype]) => [source, target(prototype)])
    .filter(([source, to]) => to !== null && !isAscii(source) && ALLOWED.test(source));
  const table = new Map();
  // A folded form's own prototype first, then what the code points that fold to it stand for.
  for (const [source, to] of [...entries, ...Object.entries(HOUSE)]) if (folded(source) === source) table.set(source, to);
  for (const [source, to] of entries) {
    const key = folded(source);
    if (key !== source && [...key].length === 1 && !isAscii(key) && !table.has(key)) table.set(key, to);
  }
  // Lower-casing writes Σ as ς at the end of a word, and as σ elsewhere: ς goes with σ.
  if (table.has('σ')) table.set('ς', table.get('σ'));
  // Code points whose case partners stand for the same thing are looked up before folding too.
  const own = (char) => table.get(char) ?? (isAscii(char) ? (MERGED[char.toLowerCase()] ?? char.toLowerCase()) : undefined);
  for (const [source, to] of entries) {
    if (table.has(source) || lookUp(table, source) === lookUp(table, to)) continue;
    const partners = [source.toLowerCase(), source.toUpperCase()].filter((partner) => partner !== source);
    if (partners.every((partner) => (data[partner] !== undefined ? target(data[partner]) : own(partner)) === to)) table.set(source, to);
  }
  return new Map([...table].sort(([a], [b]) => a.codePointAt(0) - b.codePointAt(0)));
}

/** What text.ts does with the table, to count what it covers. */
function lookUp(table, text) {
  const swap = (value) => [...value].map((char) => table.get(char) ?? MERGED[char] ?? char).join('');
  return swap(folded(swap(text))).replace(/rn/g, 'm').replace(/vv/g, 'w');
}

/**
 * The table packed into one string: for each code point in increasing order, its distance from
 * the one before in base 36 (lower case), then what it stands for, letters in upper case and a
 * digit d as the character 33 + d (so `#` is 2, `*` is 9).
 */
export function pack(table) {
  let previous = 0;
  let packed = '';
  for (const [char, to] of table) {
    const code = char.codePointAt(0);
    packed += (code - previous).toString(36) + to.toUpperCase().replace(/[0-9]/g, (digit) => String.fromCharCode(33 + Number(digit)));
    previous = code;
  }
  return packed;
}

/** How much of the data the key covers: every code point whose prototype is ASCII letters and digits. */
export function coverage(data, table) {
  const rows = Object.entries(data).filter(([, prototype]) => target(prototype) !== null);
  const single = rows.filter(([, prototype]) => /^[A-Za-z0-9]$/.test(prototype));
  const refused = (source) => !isAscii(source) && !ALLOWED.test(source);
  const missed = (rows) => rows.filter(([source, prototype]) => !refused(source) && lookUp(table, source) !== lookUp(table, prototype));
  return {
    single: single.length,
    singleRefused: single.filter(([source]) => refused(source)).length,
    singleExceptions: missed(single).map(([source]) => source),
    all: rows.length,
    allRefused: rows.filter(([source]) => refused(source)).length,
    allExceptions: missed(rows).map(([source]) => source),
  };
}

const hex = (char) => `U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The module's text. */
export function render(data = readData()) {
  const table = buildTable(data);
  const counts = coverage(data, table);
  const folded = counts.single - counts.singleRefused - counts.singleExceptions.length;
  return `// Generated by scripts/generate-confusables.mjs from Unicode's confusables.txt ${SOURCE.unicode}, as
// ${SOURCE.package} ${SOURCE.version} ships it (data.json, sha256 ${SOURCE.sha256}).
// Do not edit: change the script or the pinned data, and run it again. Unicode data: Copyright ©
// 1991-2020 Unicode, Inc., under the Unicode licence (LICENSE holds its text).
//
// ${table.size} code points. Of the ${counts.single} code points whose prototype is one ASCII letter or digit, ${counts.singleRefused}
// are refused in an address (symbols and punctuation) and ${folded} fold to their letter or digit; the
// other ${counts.singleExceptions.length} fold as their lower-case form does, whose own prototype differs:
// ${counts.singleExceptions.map((char) => `${char} ${hex(char)}`).join(', ')}.

/** @internal The Unicode version of the look-alike data. */
export const LOOK_ALIKES_UNICODE_VERSION = '${SOURCE.unicode}';

/**
 * @internal The look-alike table, packed: for each code point in increasing order, its distance
 * from the one before in base 36, then the ASCII it stands for (letters in upper case, a digit d as
 * the character 33 + d).
 */
export const LOOK_ALIKES = ${JSON.stringify(pack(table))};
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = render();
  const check = process.argv.indexOf('--check');
  if (check > 0) {
    // `--check` compares the committed module, or the file named after it.
    if (readFileSync(process.argv[check + 1] ?? OUTPUT, 'utf8') !== text) {
      console.error('src/domain/confusables.generated.ts is not what the pinned data gives: run node scripts/generate-confusables.mjs');
      process.exit(1);
    }
    console.log('src/domain/confusables.generated.ts is up to date');
  } else {
    writeFileSync(OUTPUT, text);
    console.log('wrote src/domain/confusables.generated.ts');
  }
}
