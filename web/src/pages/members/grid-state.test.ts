import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gridStateOf, paramsOfGridState } from './grid-state.ts';

test('the roster state round-trips through the address, defaults left out', () => {
  assert.equal(paramsOfGridState(gridStateOf(new URLSearchParams())).toString(), '');
  const address =
    'committee=c1&subtree=false&level=county&status=all&q=%E5%BC%A0&sort=sector&order=desc&page=3&size=50';
  const s = gridStateOf(new URLSearchParams(address));
  assert.deepEqual(s.paging, { page: 3, pageSize: 50 });
  assert.equal(s.filters.subtree, false);
  assert.equal(s.filters.q, '张');
  assert.equal(paramsOfGridState(s).toString(), address);
});

test('garbage in the address falls back to the defaults', () => {
  const s = gridStateOf(new URLSearchParams('status=bogus&level=planet&sort=x&page=-4&size=7'));
  assert.equal(s.filters.status, 'active');
  assert.equal(s.filters.level, undefined);
  assert.deepEqual(s.sort, { sort: 'name', order: 'asc' });
  assert.deepEqual(s.paging, { page: 1, pageSize: 20 });
});
