import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { RolloutBot } from '../../../src/app';
import { createCore } from '../../../src/compose';
import type { AppConfig, SlackConfig } from '../../../src/config';
import type { Logger } from '../../../src/ports/logger.port';
import { startServer, type RunningServer } from '../../../adapters/http/server';
import { FakeSlackApi, type RecordedCall } from './fake-slack-api';
import { postCommand, postEvent, postInteraction, type SignOptions, type SlackReply } from './slack-requests';
import commandFixture from './fixtures/slash-command.json';
import actionFixture from './fixtures/block-actions.json';
import submissionFixture from './fixtures/view-submission.json';

export const SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef';
export const ANNA = 'U0ANNA001';

/** A message as the bot sent it (response_url body or chat.* arguments). */
export interface SentMessage {
  text?: string;
  blocks?: Array<Record<string, unknown>>;
  response_type?: string;
  replace_original?: boolean;
  [key: string]: unknown;
}

export interface Button {
  action_id: string;
  value: string;
  text: { text: string };
}

let serial = 0;
const unique = (prefix: string) => `${prefix}${++serial}${Date.now().toString(36)}`;

/**
 * Drives a Slack endpoint like Slack does: signed slash commands, clicks, modal submissions and
 * events, built from the real payload fixtures. Answers come back in the ack (when the bot was
 * fast) or through a response_url served by the fake.
 */
export class SlackDriver {
  /** Ack bodies that carried an answer, by the response_url target of their command. */
  private readonly acked = new Map<string, SentMessage>();

  constructor(
    private readonly url: () => string,
    readonly fake: FakeSlackApi,
    readonly secret: string = SIGNING_SECRET,
  ) {}

  get eventsUrl(): string {
    return this.url();
  }

  sign(extra: Partial<SignOptions> = {}): SignOptions {
    return { secret: this.secret, ...extra };
  }

  /** `/rollout <text>` from a user; `target` names the response_url a late answer would arrive at. */
  async command(text: string, options: { user?: string; channel?: string; team?: string; sign?: Partial<SignOptions> } = {}): Promise<{ reply: SlackReply; target: string; acked?: SentMessage }> {
    const target = unique('cmd');
    const fields = {
      ...commandFixture,
      text,
      team_id: options.team ?? commandFixture.team_id,
      user_id: options.user ?? ANNA,
      user_name: (options.user ?? ANNA).toLowerCase(),
      channel_id: options.channel ?? commandFixture.channel_id,
      response_url: this.fake.responseUrl(target),
      trigger_id: unique('trigger.'),
    };
    const reply = await postCommand(this.eventsUrl, fields, this.sign(options.sign));
    const acked = reply.status === 200 && reply.body ? (JSON.parse(reply.body) as SentMessage) : undefined;
    if (acked) this.acked.set(target, acked);
    return { reply, target, ...(acked ? { acked } : {}) };
  }

  /** The answer to a command: the body of its ack, else what arrived at its response_url (the `n`th, 1-based). */
  async answer(target: string, n = 1): Promise<SentMessage> {
    const acked = this.acked.get(target);
    if (acked && n === 1) return acked;
    const calls = await this.fake.waitFor('response_url', acked ? n - 1 : n, target);
    return calls[(acked ? n - 1 : n) - 1].body as SentMessage;
  }

  /** Runs a command and returns its answer. */
  async ask(text: string, options: Parameters<SlackDriver['command']>[1] = {}): Promise<SentMessage> {
    return this.answer((await this.command(text, options)).target);
  }

  /** A button click on a message the bot sent, as Slack delivers it. */
  async click(
    message: SentMessage,
    button: Button,
    options: { user?: string; messageTs?: string; actionTs?: string; sign?: Partial<SignOptions> } = {},
  ): Promise<{ reply: SlackReply; target: string; payload: Record<string, unknown> }> {
    const target = unique('act');
    const messageTs = options.messageTs ?? '1732362000.000200';
    const blocks = (message.blocks ?? []).map((b, i) => ({ block_id: `b${i}`, ...b }));
    const blockId = blocks.find((b) => JSON.stringify(b).includes(JSON.stringify(button.action_id)))?.block_id;
    const user = options.user ?? ANNA;
    const payload = {
      ...actionFixture,
      user: { ...actionFixture.user, id: user, username: user.toLowerCase(), name: user.toLowerCase() },
      container: { ...actionFixture.container, message_ts: messageTs, is_ephemeral: message.response_type !== 'in_channel' },
      trigger_id: unique('trigger.'),
      message: { ...actionFixture.message, ts: messageTs, text: message.text ?? '', blocks },
      response_url: this.fake.responseUrl(target),
      actions: [{ ...actionFixture.actions[0], action_id: button.action_id, block_id: blockId ?? 'b0', value: button.value, text: { type: 'plain_text', text: button.text.text, emoji: true }, action_ts: options.actionTs ?? `${Date.now() / 1000}` }],
    };
    return { reply: await postInteraction(this.eventsUrl, payload, this.sign(options.sign)), target, payload };
  }

  /** Submits the modal the bot opened with views.open, with a reason typed in. */
  async submit(modal: Record<string, unknown>, reason: string, options: { user?: string; viewId?: string } = {}): Promise<SlackReply> {
    const user = options.user ?? ANNA;
    const payload = {
      ...submissionFixture,
      user: { ...submissionFixture.user, id: user },
      view: {
        ...submissionFixture.view,
        id: options.viewId ?? unique('V'),
        callback_id: modal.callback_id,
        private_metadata: modal.private_metadata,
        blocks: modal.blocks,
        state: { values: { reason: { reason_input: { type: 'plain_text_input', value: reason } } } },
      },
    };
    return postInteraction(this.eventsUrl, payload, this.sign());
  }

  async event(envelope: unknown, sign: Partial<SignOptions> = {}): Promise<SlackReply> {
    return postEvent(this.eventsUrl, envelope, this.sign(sign));
  }

  calls(method: string): RecordedCall[] {
    return this.fake.of(method);
  }

  /** Every message the bot sent: answers in acks, then every Web API / response_url call's message or view. */
  sentMessages(): SentMessage[] {
    const viaApi = this.fake.calls.map((c) => (c.method === 'views.open' || c.method === 'views.publish' ? (c.body.view as SentMessage) : (c.body as SentMessage)));
    return [...this.acked.values(), ...viaApi];
  }
}

/**
 * The real server (`startServer` + `createCore`) on a temporary SQLite file and a free port,
 * with Slack's Web API and response_urls served by a local fake.
 */
export class SlackHarness extends SlackDriver {
  private constructor(
    readonly bot: RolloutBot,
    readonly server: RunningServer,
    fake: FakeSlackApi,
    readonly dir: string,
  ) {
    super(() => `http://127.0.0.1:${server.port}/slack/events`, fake);
  }

  static async start(slack: Partial<SlackConfig> = {}, prepare?: (fake: FakeSlackApi) => void, logger: Logger = pino({ level: 'silent' })): Promise<SlackHarness> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-slack-'));
    const databaseUrl = path.join(dir, 'rollout.db');
    const fake = await new FakeSlackApi().start();
    prepare?.(fake);
    const bot = createCore({ databaseUrl, defaultLocale: 'en', logger });
    const config: AppConfig = {
      port: 0,
      databaseUrl,
      defaultLocale: 'en',
      production: false,
      logLevel: 'silent',
      slack: { signingSecret: SIGNING_SECRET, botToken: 'xoxb-e2e-token', apiUrl: fake.apiUrl, ...slack },
    };
    const server = await startServer(bot, config, logger);
    return new SlackHarness(bot, server, fake, dir);
  }

  /** The rollout's whole state, read from the store: what actually changed. */
  async state() {
    const [rollout] = await this.bot.deps.store.listRollouts('slack:T0ROLLOUT');
    return rollout ? this.bot.deps.store.load(rollout.id) : undefined;
  }

  async close(): Promise<void> {
    await this.server.close();
    await this.fake.close();
    await this.bot.deps.store.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Every button in a message, with its decoded action. */
export function buttonsOf(message: SentMessage): Array<Button & { action: Record<string, unknown> }> {
  const found: Array<Button & { action: Record<string, unknown> }> = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if (obj.type === 'button' && typeof obj.value === 'string') found.push({ ...(obj as unknown as Button), action: JSON.parse(obj.value) });
      Object.values(obj).forEach(visit);
    }
  };
  visit(message.blocks);
  return found;
}

/** Everything a reader sees in a message: the text of every block and the fallback text. */
export function visibleText(message: SentMessage): string {
  const texts: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if ((obj.type === 'mrkdwn' || obj.type === 'plain_text') && typeof obj.text === 'string') texts.push(obj.text);
      Object.values(obj).forEach(visit);
    }
  };
  visit(message.blocks);
  return [message.text ?? '', ...texts].join('\n');
}
