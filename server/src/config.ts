import { z } from 'zod';

// Every setting Lianxin reads, parsed once at start. A bad value stops the process with a
// message naming the variable, instead of failing later in some request.
const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // 32-byte key (hex or base64) for personal data at rest; generated into DATA_DIR when absent.
  SECRET_KEY: z.string().optional(),
  // How personal data is sealed, chosen at install and recorded in the database: aes-256-gcm
  // (the default) or sm4 (国密: SM4-CTR + HMAC-SM3). Unset: what the database was installed with.
  SEAL_ALGORITHM: z.enum(['aes-256-gcm', 'sm4']).optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  DEMO_SEED: boolFromEnv.default(true),
  DEMO_PROVINCE: z
    .string()
    .regex(/^\d{2}$/, 'two-digit province code, e.g. 13')
    .default('13'),
  SECURE_COOKIES: boolFromEnv.default(false),
  WEB_DIST: z.string().default('./web/dist'),
  // The address citizens reach: QR codes and posters encode it.
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  /** Proxies whose X-Forwarded-For is believed: addresses, CIDRs, or loopback/linklocal/uniquelocal. */
  TRUST_PROXY: z.string().trim().min(1).default('loopback'),
  // Until a provider is wired: SMS go to DATA_DIR/sms.log (file) or to stdout (console).
  SMS_TRANSPORT: z.enum(['file', 'console']).default('file'),
  // Email: SMTP when SMTP_URL is set (smtp://user:pass@host:587, smtps://…:465); otherwise
  // mail goes to DATA_DIR/mail.log (file) or stdout (console), like SMS.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, 'must look like smtp://user:pass@host:587 or smtps://host:465')
    .optional(),
  MAIL_FROM: z.string().min(3).default('连心 Lianxin <noreply@localhost>'),
  MAIL_TRANSPORT: z.enum(['file', 'console']).default('file'),
  // Citizens' submissions processed at once; more wait their turn (0: no limit). About the
  // database's cores × 4 suits; see docs/benchmarks.md (issue 3).
  SUBMISSIONS_AT_ONCE: z.coerce.number().int().min(0).max(1000).default(8),
  // Admission control of every write (POST/PUT/PATCH/DELETE under /api, the H5 posts; see
  // http/admission.ts): at most WRITES_AT_ONCE run together (0: no gate), WRITES_WAITING
  // more wait their turn for up to WRITES_MAX_WAIT_MS, the rest are answered 503 with
  // Retry-After at once. A short line keeps the admitted writes' answers within a second.
  WRITES_AT_ONCE: z.coerce.number().int().min(0).max(1000).default(8),
  WRITES_WAITING: z.coerce.number().int().min(0).max(10_000).default(16),
  WRITES_MAX_WAIT_MS: z.coerce.number().int().min(1).max(60_000).default(500),
  // A refused write is answered after 50–100 % of this, so clients retrying in a loop cannot
  // spend the CPU on refusals (0: at once).
  WRITES_REFUSE_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  // Under a flood the pause grows so that about this many refusals a second leave.
  WRITES_REFUSALS_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(100),
  // How long a request waits for a database connection before it is answered 503.
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration (environment variables):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
