// npm start serves the built web app; build it on the first start, or when its sources
// are newer than the build, so a fresh clone needs no separate build step.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const dist = path.resolve('web/dist/index.html');
const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);
const sources = Math.max(newest('web/src'), newest('contracts'), statSync('web/index.html').mtimeMs);
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log('Building the web app (first start or changed sources)…');
  execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
}
