import fs from 'node:fs';
import path from 'node:path';
import { Translations } from '../../../src/i18n/i18n';
import { decodeOrigin, encodeOrigin, reasonModal } from '../../../adapters/slack/render-modal';
import { slackTextToCore, stripBotMention } from '../../../adapters/slack/slack-text';
import {
  isUserMessage,
  modalReason,
  translateBlockAction,
  translateCommand,
  translateHome,
  translateMessage,
  translateSubmission,
  type BlockActionPayload,
  type MessageEventPayload,
  type SlashCommandPayload,
  type ViewSubmissionPayload,
} from '../../../adapters/slack/translate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (name: string): any => JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8'));

describe('slack text', () => {
  it('keeps user mentions, makes other sequences readable and decodes entities', () => {
    expect(slackTextToCore('assign 1.2 <@U0BERT002|bertil>')).toBe('assign 1.2 <@U0BERT002|bertil>');
    expect(slackTextToCore('done 1.1 see <https://example.org/a|the memo> in <#C0DEPLOY1|lupa>')).toBe('done 1.1 see the memo (https://example.org/a) in <#C0DEPLOY1|lupa>');
    expect(slackTextToCore('channel staff <#C0STAFF01|henkilosto> fi+sv')).toBe('channel staff <#C0STAFF01|henkilosto> fi+sv');
    expect(slackTextToCore('done 1.1 <!channel> <!subteam^S01|@it-team> <mailto:a@b.fi|a@b.fi>')).toBe('done 1.1 @channel @it-team a@b.fi');
    expect(slackTextToCore('note R&amp;D &lt;b&gt; &amp;lt;')).toBe('note R&D <b> &lt;');
  });

  it('strips only the leading bot mention', () => {
    expect(stripBotMention('<@U0ROLLBOT> done 1.1 <@U0ROLLBOT>', 'U0ROLLBOT')).toBe('done 1.1 <@U0ROLLBOT>');
    expect(stripBotMention('<@U0ROLLBOT|rollout>: next', 'U0ROLLBOT')).toBe('next');
    expect(stripBotMention('<@U0BERT002> hi', 'U0ROLLBOT')).toBe('<@U0BERT002> hi');
  });
});

describe('translate', () => {
  it('slash command: qualified ids, text, trigger_id as delivery id, Slack locale', () => {
    const cmd = fixture('slash-command') as SlashCommandPayload;
    expect(translateCommand(cmd, { locale: 'sv-SE', name: 'Anna V' })).toEqual({
      platform: 'slack',
      workspace: 'slack:T0ROLLOUT',
      channel: 'slack:C0DEPLOY1',
      user: 'slack:U0ANNA001',
      userName: 'Anna V',
      locale: 'sv-SE',
      personal: false,
      text: 'done 1.1 <@U0BERT002|bertil> checked <b>',
      requestId: 'slack:trigger:8085551234.1234567890.1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
    });
    const dm = translateCommand({ ...cmd, channel_id: 'D0ANNA001', channel_name: 'directmessage' });
    expect(dm.personal).toBe(true);
    expect(dm.userName).toBe('anna.virtanen');
    expect(dm.workspaceAdmin).toBeUndefined();
    expect(translateCommand(cmd, { admin: true }).workspaceAdmin).toBe(true);
  });

  it('app_mention: strips the bot, uses event_id', () => {
    const body = fixture('app-mention');
    const request = translateMessage(body.event as MessageEventPayload, body, 'U0ROLLBOT');
    expect(request).toMatchObject({ workspace: 'slack:T0ROLLOUT', channel: 'slack:C0DEPLOY1', user: 'slack:U0ANNA001', text: "what's next?", requestId: 'slack:event:Ev0MENTION01', personal: false });
  });

  it('direct message: personal; bot and edited messages are not for us', () => {
    const body = fixture('message-im');
    expect(translateMessage(body.event, body, 'U0ROLLBOT')).toMatchObject({ channel: 'slack:D0ANNA001', personal: true, text: 'next mine' });
    expect(isUserMessage(body.event)).toBe(true);
    expect(isUserMessage({ ...body.event, bot_id: 'B0ROLLOUT1' })).toBe(false);
    expect(isUserMessage({ ...body.event, subtype: 'message_changed' })).toBe(false);
  });

  it('block action: decodes the button value, delivery id from message ts and action ts', () => {
    const body = fixture('block-actions') as BlockActionPayload;
    const result = translateBlockAction(body, { locale: 'fi-FI' });
    expect(result).toEqual({
      ok: true,
      kind: 'done',
      action: { name: 'done', rolloutId: 'r-1', task: 'investigate-impact', from: 'checklist' },
      request: {
        platform: 'slack',
        workspace: 'slack:T0ROLLOUT',
        channel: 'slack:C0DEPLOY1',
        user: 'slack:U0ANNA001',
        userName: 'anna.virtanen',
        locale: 'fi-FI',
        personal: false,
        action: { name: 'done', rolloutId: 'r-1', task: 'investigate-impact', from: 'checklist' },
        requestId: 'slack:action:1732362000.000200:1732362050.123456',
      },
    });
  });

  it('block action: tampered or mismatched values are refused', () => {
    const body = fixture('block-actions');
    body.actions[0].value = '{"name":"done","rolloutId":"r-1","task":"x","admin":true}';
    expect(translateBlockAction(body).ok).toBe(false);
    body.actions[0].value = 'not json';
    expect(translateBlockAction(body).ok).toBe(false);
    body.actions[0].value = '{"name":"advance","rolloutId":"r-1"}';
    expect(translateBlockAction(body)).toEqual({ ok: false, kind: 'done' });
    body.actions[0].action_id = 'someone.else';
    expect(translateBlockAction(body)).toEqual({ ok: false });
  });

  it('block action on the App Home: no channel, the home instead', () => {
    const body = fixture('block-actions');
    delete body.channel;
    body.container = { type: 'view', view_id: 'V0HOME001' };
    const result = translateBlockAction(body);
    expect(result.ok && result.request).toMatchObject({ channel: 'slack:home:U0ANNA001', personal: true, requestId: 'slack:action:V0HOME001:1732362050.123456' });
  });

  it('view submission: the reason as typed, the modal id as delivery id', () => {
    const body = fixture('view-submission') as ViewSubmissionPayload & { view: { private_metadata: string } };
    const origin = decodeOrigin(body.view.private_metadata);
    expect(origin).toMatchObject({ channel: 'C0DEPLOY1', ts: '1732362000.000200' });
    const reason = modalReason(body, 'reason', 'reason_input');
    expect(reason).toBe('We have no paper forms <!channel>');
    const request = translateSubmission(body, { name: 'skip', rolloutId: 'r-1', task: 'investigate-impact', from: 'checklist' }, origin?.channel, reason!);
    expect(request).toMatchObject({ channel: 'slack:C0DEPLOY1', requestId: 'slack:view:V0MODAL001', action: { name: 'skip', reason: 'We have no paper forms <!channel>' } });
    body.view.state.values.reason.reason_input.value = '   ';
    expect(modalReason(body, 'reason', 'reason_input')).toBeUndefined();
  });

  it('home request', () => {
    expect(translateHome('T0ROLLOUT', 'U0ANNA001', 'D0ANNA001', { locale: 'en-GB' })).toEqual({
      platform: 'slack', workspace: 'slack:T0ROLLOUT', channel: 'slack:D0ANNA001', user: 'slack:U0ANNA001', locale: 'en-GB', personal: true,
    });
  });
});

describe('reason modal', () => {
  const t = new Translations().t('fi');

  it('asks for the reason in the user language and carries the origin', () => {
    const origin = { value: '{"name":"skip","rolloutId":"r-1","task":"a"}', channel: 'C1', ts: '1.2', responseUrl: 'https://hooks.slack.com/actions/T/1/x' };
    const modal = reasonModal('skip', t, origin, ':white_large_square: *1.1* Task');
    expect(modal.callback_id).toBe('rollout.skip_reason');
    expect(modal.title.text).toBe('Merkitse ei koske');
    // The submit button says what it does, here and when advancing past open tasks.
    expect(modal.submit?.text).toBe('Merkitse, ettei koske');
    expect(reasonModal('override', t, origin).submit?.text).toBe('Siirry silti');
    expect(JSON.stringify(modal.blocks)).toContain('Miksi tehtävä ei koske teitä?');
    expect(decodeOrigin(modal.private_metadata)).toEqual(origin);
    expect(reasonModal('override', t, origin).title.text.length).toBeLessThanOrEqual(24);
  });

  it('refuses metadata that is not ours and drops a response_url that would not fit', () => {
    expect(decodeOrigin('{"value":"x","evil":1}')).toBeUndefined();
    expect(decodeOrigin('nope')).toBeUndefined();
    const long = encodeOrigin({ value: 'v'.repeat(2000), responseUrl: `https://hooks.slack.com/${'x'.repeat(990)}` });
    expect(long.length).toBeLessThanOrEqual(3000);
    expect(decodeOrigin(long)?.responseUrl).toBeUndefined();
  });
});
