#!/usr/bin/env node
// Measures how much of Commerce Layer's wire we serve, resource by resource, and writes the table into
// docs/commerce-layer-compatibility.md (between the coverage markers).
//
// CL's side: the resource declarations of its SDK (@commercelayer/sdk, the version below), fetched with `npm pack`:
//   attributes    = the members of `interface X extends Resource` whose type is not a resource,
//   relationships = the members whose type is a resource (or a list or union of resources),
//   triggers      = the `_`-members of `XCreate` and `XUpdate`.
// Our side: the committed OpenAPI document (openapi/commerce.json), which a test keeps equal to what the service serves:
//   `<type>_attributes`, `<type>_relationships`, and the `_`-members of `<type>_create_attributes` / `<type>_update_attributes`.
//
// Usage (from the repository root):  node tools/commerce-layer-coverage/coverage.mjs [--sdk <dir with lib/>] [--check]
//   --sdk    an unpacked SDK package (skips npm pack); --check  exit 1 when the docs' table differs (for CI).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const SDK = '@commercelayer/sdk@7.12.1';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const sdkArg = args.indexOf('--sdk') >= 0 ? args[args.indexOf('--sdk') + 1] : null;

function sdkDeclarations() {
  let dir = sdkArg;
  if (!dir) {
    const tmp = mkdtempSync(join(tmpdir(), 'cl-sdk-'));
    const tarball = execFileSync('npm', ['pack', SDK, '--silent'], { cwd: tmp, encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['xzf', tarball], { cwd: tmp });
    dir = join(tmp, 'package');
  }
  const lib = join(dir, 'lib');
  // The declarations are bundled into one api-*.d.ts file.
  const bundle = readdirSync(lib).filter(f => /^api-.*\.d\.ts$/.test(f)).map(f => readFileSync(join(lib, f), 'utf8'));
  if (bundle.length === 0) throw new Error(`no api-*.d.ts in ${lib}`);
  return bundle.join('\n');
}

/** The members of `interface <name> extends <base> { ... }`: [name, type]. */
function members(source, name, base) {
  const start = source.indexOf(`interface ${name} extends ${base} {`);
  if (start < 0) return null;
  const end = source.indexOf('\n}', start);
  const body = source.slice(start, end);
  return [...body.matchAll(/^    (?:readonly )?([a-z_][a-z0-9_]*)\??: (.+);$/gm)].map(m => [m[1], m[2]]);
}

const isResourceType = type => /^(Array<)?[A-Z][A-Za-z]*/.test(type) && !type.startsWith('Record');

function commerceLayer(source) {
  const resources = new Map();
  for (const m of source.matchAll(/^type ([A-Za-z]+)Type = '([a-z_]+)';$/gm)) {
    const [, name, type] = m;
    const read = members(source, name, 'Resource');
    if (!read) continue;
    const own = read.filter(([n]) => n !== 'type' && n !== 'id');
    const triggers = new Set();
    for (const [suffix, base] of [['Create', 'ResourceCreate'], ['Update', 'ResourceUpdate']])
      for (const [n] of members(source, name + suffix, base) ?? []) if (n.startsWith('_')) triggers.add(n);
    resources.set(type, {
      attributes: own.filter(([, t]) => !isResourceType(t)).map(([n]) => n),
      relationships: own.filter(([, t]) => isResourceType(t)).map(([n]) => n),
      triggers: [...triggers],
    });
  }
  return resources;
}

function ours() {
  const schemas = JSON.parse(readFileSync(join(root, 'openapi', 'commerce.json'), 'utf8')).components.schemas;
  const props = name => Object.keys(schemas[name]?.properties ?? {});
  const types = Object.keys(schemas).filter(k => k.endsWith('_resource') && k !== 'resource').map(k => k.slice(0, -'_resource'.length));
  return new Map(types.map(type => [type, {
    attributes: props(`${type}_attributes`),
    relationships: props(`${type}_relationships`),
    triggers: [...new Set([...props(`${type}_create_attributes`), ...props(`${type}_update_attributes`)].filter(n => n.startsWith('_')))],
  }]));
}

const pct = (n, d) => d === 0 ? '–' : `${Math.round((100 * n) / d)}%`;

function table(cl, we) {
  const rows = [];
  const totals = { a: [0, 0], t: [0, 0], r: [0, 0] };
  const missing = [];
  const notInCl = [];
  for (const [type, served] of [...we].sort(([a], [b]) => a.localeCompare(b))) {
    const theirs = cl.get(type);
    if (!theirs) { notInCl.push(type); continue; }
    const count = (kind, key) => {
      const hit = theirs[kind].filter(n => served[kind].includes(n));
      totals[key][0] += hit.length; totals[key][1] += theirs[kind].length;
      return [hit.length, theirs[kind].length, theirs[kind].filter(n => !served[kind].includes(n))];
    };
    const [a, ad, am] = count('attributes', 'a');
    const [t, td, tm] = count('triggers', 't');
    const [r, rd, rm] = count('relationships', 'r');
    rows.push(`| \`${type}\` | ${a}/${ad} (${pct(a, ad)}) | ${t}/${td} (${pct(t, td)}) | ${r}/${rd} (${pct(r, rd)}) |`);
    missing.push(`- \`${type}\`: attributes ${am.map(n => `\`${n}\``).join(', ') || 'none'}; triggers ${tm.map(n => `\`${n}\``).join(', ') || 'none'}; relationships ${rm.map(n => `\`${n}\``).join(', ') || 'none'}.`);
  }
  const [A, T, R] = [totals.a, totals.t, totals.r];
  return [
    `Measured against \`${SDK}\` by \`node tools/commerce-layer-coverage/coverage.mjs\`: of the ${rows.length} resource types we serve that Commerce Layer also has, `
      + `we serve **${pct(A[0], A[1])}** of their attributes (${A[0]}/${A[1]}), **${pct(T[0], T[1])}** of their trigger attributes (${T[0]}/${T[1]}) and `
      + `**${pct(R[0], R[1])}** of their relationships (${R[0]}/${R[1]}).`,
    '',
    '| Resource | Attributes | Triggers | Relationships |',
    '|---|---|---|---|',
    ...rows,
    `| **all** | **${A[0]}/${A[1]} (${pct(A[0], A[1])})** | **${T[0]}/${T[1]} (${pct(T[0], T[1])})** | **${R[0]}/${R[1]} (${pct(R[0], R[1])})** |`,
    '',
    `Ours only (not Commerce Layer resources): ${notInCl.map(t => `\`${t}\``).join(', ') || 'none'}.`,
    '',
    '<details><summary>What we do not serve yet, resource by resource</summary>',
    '',
    ...missing,
    '',
    '</details>',
  ].join('\n');
}

const generated = table(commerceLayer(sdkDeclarations()), ours());
const docPath = join(root, 'docs', 'commerce-layer-compatibility.md');
const begin = '<!-- coverage:begin (generated by tools/commerce-layer-coverage/coverage.mjs; do not edit by hand) -->';
const end = '<!-- coverage:end -->';
const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : `${begin}\n${end}\n`;
const i = doc.indexOf(begin), j = doc.indexOf(end);
if (i < 0 || j < i) throw new Error(`${docPath} has no coverage markers`);
const next = `${doc.slice(0, i + begin.length)}\n${generated}\n${doc.slice(j)}`;
if (check) {
  if (next !== doc) { console.error('docs/commerce-layer-compatibility.md is out of date: run node tools/commerce-layer-coverage/coverage.mjs'); process.exit(1); }
  console.log('coverage table is up to date');
} else {
  writeFileSync(docPath, next);
  console.log(generated.split('\n')[0]);
}
