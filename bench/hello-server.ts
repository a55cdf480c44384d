// The machine's HTTP ceiling for bench/org.ts: a bare Fastify answering {"hello":"world"},
// no plugins, no logging. Listens on PORT and prints "ready" once it does.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log('ready');
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
