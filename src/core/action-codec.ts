import { z } from 'zod';
import type { BotAction } from './request';

const MAX_REASON = 2000;

const actionSchema = z.strictObject({
  name: z.enum(['done', 'skip', 'undo', 'advance', 'page', 'send']),
  rolloutId: z.string().min(1).max(100),
  task: z.string().min(1).max(100).optional(),
  reason: z.string().max(MAX_REASON).optional(),
  phase: z.string().min(1).max(100).optional(),
  page: z.number().int().min(1).max(1000).optional(),
  batch: z.string().min(1).max(100).optional(),
  from: z.enum(['checklist', 'next', 'gate']).optional(),
});

/** Serialises an action into a button value (Slack `value`, Teams `Action.Execute` data). */
export function encodeAction(action: BotAction): string {
  return JSON.stringify(action);
}

/** Reads a button value back; anything malformed or tampered with is `undefined`. */
export function decodeAction(value: unknown): BotAction | undefined {
  let data = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const parsed = actionSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
