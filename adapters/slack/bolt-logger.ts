import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/ports/logger.port';

const SEVERITY: Record<LogLevel, number> = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };

/**
 * Bolt logs through our structured logger, so its messages (signature failures, API retries)
 * land in the same stream with `component: 'slack'`. Bolt sets its level (info unless in
 * developer mode); below it nothing is formatted at all, since Bolt logs several debug lines
 * per request.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  const at = (l: LogLevel, write: (obj: object, msg?: string) => void) => (...msg: unknown[]) => {
    if (SEVERITY[l] >= SEVERITY[level]) write.call(logger, { component: 'slack' }, line(msg));
  };
  return {
    debug: at(LogLevel.DEBUG, logger.debug),
    info: at(LogLevel.INFO, logger.info),
    warn: at(LogLevel.WARN, logger.warn),
    error: at(LogLevel.ERROR, logger.error),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
