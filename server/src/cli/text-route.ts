// npm run -s text:route -- --train TRAIN.jsonl IN.jsonl
// Learns sectors from TRAIN (lines {"id","text","place"?,"studio"?,"sector"}) with the server's
// routing model, then prints {"id","sectors":[best, second, third]} per line of IN. Malformed
// lines in either file: the file and line number on stderr, exit 1, nothing on stdout.
import { createRoutingModel } from '../modules/text/routing-model.ts';
import { fail, readConcerns } from './text-input.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--train');
const trainFile = at >= 0 ? args[at + 1] : undefined;
const inputs = args.filter((_, i) => i !== at && i !== at + 1);
if (!trainFile || inputs.length !== 1 || !inputs[0])
  fail('usage: npm run -s text:route -- --train TRAIN.jsonl IN.jsonl');
const train = readConcerns(trainFile, ['sector']);
const input = readConcerns(inputs[0]);
const model = createRoutingModel();
for (const c of train)
  model.learn({ text: c.text, place: c.place, studio: c.studio, sector: c.sector ?? '' });
const out = input.map((c) => JSON.stringify({ id: c.id, sectors: model.predict(c, 3).map((s) => s.sector) }));
process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
