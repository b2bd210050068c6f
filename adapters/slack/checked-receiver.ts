import { ExpressReceiver, type ExpressReceiverOptions } from '@slack/bolt';
import type { Request, Response } from 'express';
import { checkPayload } from './payload-shape';

/**
 * Bolt's ExpressReceiver with one step added between its signature check and its dispatch: a
 * signed body of a shape the app does not handle is answered 400 and logged once, instead of
 * failing inside a listener (500) or waiting for an ack that never comes (404 after 3 s).
 */
export class CheckedReceiver extends ExpressReceiver {
  private readonly onMalformed: (reason: string) => void;

  constructor(options: ExpressReceiverOptions, onMalformed: (reason: string) => void) {
    super(options);
    this.onMalformed = onMalformed;
  }

  override async requestHandler(req: Request, res: Response): Promise<void> {
    const check = checkPayload(req.body);
    if (!check.ok) {
      this.onMalformed(check.reason);
      res.status(400).json({ error: 'malformed payload' });
      return;
    }
    await super.requestHandler(req, res);
  }
}
