import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { scrubSecrets } from "@/lib/domain/scrub-secrets";

// The one logger (pino): JSON lines on stdout in production, one object per event with `time`,
// `level`, `msg`, the process (`proc`: app, worker, launcher, ...) and, for requests, `reqId` plus
// the acting `userId` or `apiKeyId`. Human-readable in development (`npm run dev`, or
// LOG_PRETTY=1), JSON when LOG_PRETTY=0 or NODE_ENV=production. LOG_LEVEL sets the level (info).
//
// Never log secrets or message content: the paths below are replaced by "[redacted]" wherever a
// caller passes them by mistake (headers, passwords, keys, tokens, message bodies, subjects).
export const REDACT_PATHS = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "secret",
  "*.secret",
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "cookie",
  "body",
  "*.body",
  "subject",
  "*.subject",
  "html",
  "*.html",
  "text",
  "*.text",
  "connectionString",
  "*.connectionString",
];

function prettyWanted(env: NodeJS.ProcessEnv): boolean {
  if (env.LOG_PRETTY === "1") return true;
  if (env.LOG_PRETTY === "0" || env.NODE_ENV === "production" || env.NODE_ENV === "test") return false;
  return Boolean(process.stdout.isTTY);
}

/** A new root logger (tests make their own with a destination). */
export function createLogger(
  options: { proc?: string; env?: NodeJS.ProcessEnv; destination?: pino.DestinationStream } = {},
): Logger {
  const env = options.env ?? process.env;
  const settings: pino.LoggerOptions = {
    level: env.LOG_LEVEL ?? "info",
    base: { proc: options.proc ?? env.SEQUENCER_PROCESS ?? "app", pid: process.pid },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Secrets inside message text (an error quoting a connection string or a key) are scrubbed
    // too: redaction above only reaches named fields.
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === "string" ? scrubSecrets(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  if (options.destination) return pino(settings, options.destination);
  // pino-pretty as a synchronous stream, not a transport: no worker thread for Next to bundle.
  if (prettyWanted(env)) return pino(settings, pretty({ colorize: true, sync: true, ignore: "pid" }));
  // Synchronous writes: a line logged just before process.exit() is never lost.
  return pino(settings, pino.destination({ dest: 1, sync: true }));
}

const holder = globalThis as unknown as { sequencerLogger?: Logger };

/** The process's logger, created on first use (one per process, across Next's module reloads). */
export function logger(): Logger {
  holder.sequencerLogger ??= createLogger();
  return holder.sequencerLogger;
}

/** An error as fields pino serialises well, without the error's own enumerable extras (which may carry data). */
export function errorFields(error: unknown): { err: { type: string; message: string; stack?: string; code?: string } } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      err: {
        type: error.name,
        message: scrubSecrets(error.message),
        stack: error.stack === undefined ? undefined : scrubSecrets(error.stack),
        ...(typeof code === "string" ? { code } : {}),
      },
    };
  }
  return { err: { type: typeof error, message: scrubSecrets(String(error)) } };
}
