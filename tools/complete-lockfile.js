#!/usr/bin/env node
// The npm registry reachable from the build machines answers 404 for other platforms' optional binaries
// (e.g. @node-rs/jieba-darwin-x64), so `npm install` here writes a lock file without them and `npm ci` then
// refuses it as "out of sync". This adds each missing optional dependency back as a bare optional entry
// (name and version): `npm ci` accepts the lock, installs this platform's binary and skips the others.
// Run it after every `npm install` that changes package-lock.json.
const fs = require('node:fs');
const path = require('node:path');

const file = path.resolve(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];
for (const meta of Object.values(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (!packages[key]) {
      packages[key] = { version, optional: true };
      added.push(`${name}@${version}`);
    }
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length} optional entries:\n  ${added.join('\n  ')}` : 'lock file already complete');
