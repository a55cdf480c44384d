import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalWord, cleanText, isObjectConcept, isProblemConcept, textTerms } from './features.ts';
import { placeFinder, placeParts, placesInText } from './places.ts';
import { createVocabulary, keyWords } from './vocabulary.ts';

test('typos are fixed before cutting and synonyms map to one word', () => {
  assert.equal(cleanText('路等壞了'), '路灯坏了');
  assert.equal(canonicalWord('暖气'), canonicalWord('供热'));
  assert.ok(textTerms('小区暖气不热').words.includes(canonicalWord('供暖')));
});

test('place names leave the words and become places', () => {
  const t = textTerms('俺家住锦绣华府小区，孩子上学太远', '衡水市桃城区锦绣华府7号楼');
  assert.ok(t.places.includes('锦绣华府'), t.places.join(','));
  assert.ok(!t.words.some((w) => w.includes('锦绣')), t.words.join('/'));
  assert.ok(!t.bigrams.includes('锦绣'), 'bigrams of the place are gone too');
  assert.ok(t.words.includes('上学'));
});

test('place parts: widest to narrowest, building numbers dropped, 小区 folded', () => {
  assert.deepEqual(placeParts('衡水市桃城区锦绣华府7号楼'), ['衡水市', '桃城区', '锦绣华府']);
  assert.deepEqual(placeParts('锦绣华府小区'), ['锦绣华府']);
  assert.deepEqual(placesInText('家门口的马路坑坑洼洼'), [], 'a road is not a place name');
  assert.deepEqual(placesInText('今年张庄村的机井坏了'), ['张庄村']);
});

test('numbers are not topic words', () => {
  assert.ok(!textTerms('12345打了3次').words.some((w) => /[0-9]/.test(w)));
});

test('vectors are unit length; rare words outweigh common ones; key words are words', () => {
  const vocab = createVocabulary();
  const texts = ['小区路灯坏了', '小区电梯坏了', '小区垃圾没人清', '小区井盖丢了'];
  for (const t of texts) vocab.observe(textTerms(t));
  const v = vocab.vector(textTerms('小区路灯坏了'));
  const norm = Math.sqrt(v.weights.reduce((n, w) => n + w * w, 0));
  assert.ok(Math.abs(norm - 1) < 1e-9);
  assert.equal(keyWords(v, vocab, 1)[0], '路灯');
});

test('words cut out of a place name are noted as its pieces, however short', () => {
  // jieba cuts 和谐小区 into 和谐 / 小区 and 育英路 into 育英 / 路: the words stay (one problem at
  // one place is alike through them) but a rebuild's own-word check must be able to leave them out.
  const estate = textTerms('和谐小区下水道又堵了，污水冒了一院子', '邯郸市丛台区光明桥街道和谐小区');
  assert.deepEqual(estate.placeWords, ['和谐', '小区']);
  assert.ok(estate.words.includes('下水道') && !estate.placeWords?.includes('下水道'));
  const street = textTerms('育英路小学作业太多');
  assert.ok(street.placeWords?.includes('路'), JSON.stringify(street));
  assert.ok(!street.placeWords?.includes('小学'));
  assert.deepEqual(textTerms('路灯坏了没人修').placeWords, [], 'no place, no pieces');
});

test('place names the scope knows mark pieces in a text whose place field is wider', () => {
  const text = '朝阳后街烧烤油烟太重，半夜还吵';
  assert.deepEqual(textTerms(text, '冀州').placeWords, []);
  const known = placeFinder(['朝阳后街', '和平路']);
  const pieces = textTerms(text, '冀州', known).placeWords ?? [];
  assert.ok(pieces.length > 0 && pieces.every((w) => '朝阳后街'.includes(w)), pieces.join('/'));
  assert.ok(textTerms(text, '冀州', known).words.includes('烧烤'), 'the words themselves are kept');
});

test('the place finder finds every known name in a text, and only known ones', () => {
  const find = placeFinder(['朝阳后街', '朝阳路', '和谐小区', '张庄']);
  assert.deepEqual(find('朝阳路北边的朝阳后街和和谐小区').sort(), ['和谐小区', '朝阳后街', '朝阳路'].sort());
  assert.deepEqual(find('路灯坏了'), []);
  assert.deepEqual(find('张庄村'), [], 'names shorter than three characters are not looked for');
});

test('concepts name what a text is about and what is wrong, with their pair', () => {
  const terms = textTerms('锦绣华府那个工地夜里施工 吵死了');
  assert.ok(terms.concepts.includes('工地'));
  assert.ok(terms.concepts.includes('噪音'));
  assert.ok(terms.concepts.includes('工地+噪音'));
  assert.ok(isProblemConcept('噪音'));
  assert.ok(isObjectConcept('工地'));
  assert.ok(!isProblemConcept('危险') && !isObjectConcept('危险'));
});
