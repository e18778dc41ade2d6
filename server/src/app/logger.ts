import pino, { type Logger } from 'pino';
import type { Config } from '../config.js';

/** Structured JSON logs on stdout; one child logger per request carries its request id. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'temahub' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'authorization', 'token'], censor: '[redacted]' },
  });
}
