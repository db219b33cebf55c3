// Structured logs: one JSON object per line with time, level, message and context fields such as
// requestId and contactId, so log shippers can index them without parsing prose.

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. a request id). */
  child(fields: LogFields): Logger;
}

export function createJsonLogger(options: {
  level: LogLevel;
  write: (line: string) => void;
  now: () => number;
  base?: LogFields;
}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level);
  const make = (base: LogFields): Logger => {
    const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
      if (LOG_LEVELS.indexOf(level) < threshold) return;
      const line = { time: new Date(options.now()).toISOString(), level, msg, ...base, ...fields };
      options.write(`${JSON.stringify(line, errorReplacer)}\n`);
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.base ?? {});
}

// Errors serialise to {} by default; keep what helps an operator.
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const coded = value as Error & { code?: unknown };
    return {
      name: value.name,
      message: value.message,
      ...(coded.code === undefined ? {} : { code: coded.code }),
      stack: value.stack,
    };
  }
  return value;
}
