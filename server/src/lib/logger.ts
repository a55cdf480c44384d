import pino from 'pino';
import type { Logger, LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

// A log line on a terminal is read by a person: coloured, one readable line each. Anywhere
// else (a file, a pipe, a log collector) it stays one JSON object per line for machines.
// `tty` is passed in by threads, whose process.stdout is a pipe to the main thread.
export function makeLogger(opts: LoggerOptions, tty = Boolean(process.stdout.isTTY)): Logger {
  if (!tty) return pino(opts);
  return pino(
    opts,
    pretty({
      destination: 1,
      colorize: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname',
      sync: true,
    }),
  );
}
