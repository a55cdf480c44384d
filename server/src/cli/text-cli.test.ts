// The text CLIs as a user runs them: child processes on small files, stdout parsed line by line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'text-cli-'));

function file(name: string, lines: unknown[] | string): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof lines === 'string' ? lines : lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return p;
}

function run(script: string, args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'server/src/cli', script), ...args], {
    encoding: 'utf8',
  });
}

const concerns = [
  { id: '1', text: '小区路灯坏了，晚上黑漆漆的', place: '锦绣华府小区' },
  { id: '2', text: '路燈不亮好几天，晚上出门摔了一跤' },
  { id: '3', text: '楼下路灯坏了没人修，晚上太黑' },
  { id: '4', text: '电梯天天停运，老人爬楼困难', place: '锦绣华府小区' },
  { id: '5', text: '电梯又坏了，关人了，物业不管电梯' },
];

test('text:group prints one {"id","group"} per input line and nothing else', () => {
  const r = run('text-group.ts', [file('in.jsonl', concerns)]);
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; group: string });
  assert.deepEqual(
    out.map((o) => Object.keys(o)),
    concerns.map(() => ['id', 'group']),
  );
  assert.deepEqual(
    out.map((o) => o.id),
    ['1', '2', '3', '4', '5'],
  );
  const g = new Map(out.map((o) => [o.id, o.group]));
  assert.equal(g.get('2'), g.get('1'));
  assert.equal(g.get('3'), g.get('1'));
  assert.notEqual(g.get('4'), g.get('1'));
});

test('a malformed line: its number on stderr, exit 1, nothing on stdout', () => {
  const bad = file(
    'bad.jsonl',
    '{"id":"1","text":"路灯坏了"}\n{"id":"2","text":"井盖丢了"}\n{"id":"3", text}\n',
  );
  const r = run('text-group.ts', [bad]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /line 3/);
  const noText = run('text-group.ts', [file('notext.jsonl', [{ id: 'a', text: '路灯' }, { id: 'b' }])]);
  assert.equal(noText.status, 1);
  assert.match(noText.stderr, /line 2: "text"/);
});

test('text:route learns from --train and prints the three best sectors', () => {
  const train = file('train.jsonl', [
    { id: 't1', text: '路灯坏了晚上太黑', sector: '经济界' },
    { id: 't2', text: '路灯不亮没人修', sector: '经济界' },
    { id: 't3', text: '孩子上学划片太远', sector: '教育界' },
    { id: 't4', text: '医院专家号挂不上', sector: '医药卫生界' },
  ]);
  const r = run('text-route.ts', [
    '--train',
    train,
    file('route-in.jsonl', [{ id: 'x', text: '村里路灯坏了' }]),
  ]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim()) as { id: string; sectors: string[] };
  assert.equal(out.id, 'x');
  assert.equal(out.sectors.length, 3);
  assert.equal(out.sectors[0], '经济界');
  const missingSector = run('text-route.ts', [
    '--train',
    file('t2.jsonl', [{ id: 't', text: '路灯' }]),
    train,
  ]);
  assert.equal(missingSector.status, 1);
  assert.match(missingSector.stderr, /line 1: "sector"/);
  assert.equal(missingSector.stdout, '');
});
