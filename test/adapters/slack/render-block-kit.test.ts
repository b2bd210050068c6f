import { decodeAction } from '../../../src/core/action-codec';
import type { View } from '../../../src/core/views';
import { Translations } from '../../../src/i18n/i18n';
import { renderHome } from '../../../adapters/slack/render-home';
import { renderMessage } from '../../../adapters/slack/render-block-kit';
import { paginate } from '../../../adapters/slack/render-tasks';
import { escapeMrkdwn, mention, truncateMrkdwn } from '../../../adapters/slack/mrkdwn';
import { buttons, controlSequences, limitViolations, mrkdwnStrings, textObjects } from './block-kit-checks';
import { checklist, gate, hugePhase, nextView, task } from './sample-views';

const translations = new Translations();
const en = translations.t('en');
const sv = translations.t('sv');

const render = (views: View[], t = en) => renderMessage(views, t) as unknown as { text: string; blocks: Array<Record<string, unknown>> };
const allText = (m: { blocks: unknown }) => textObjects(m.blocks).map((t) => t.text).join('\n');

describe('mrkdwn helpers', () => {
  it('escapes the three control characters', () => {
    expect(escapeMrkdwn('<!channel> & <@U999> <https://evil|x>')).toBe('&lt;!channel&gt; &amp; &lt;@U999&gt; &lt;https://evil|x&gt;');
  });

  it('mentions Slack users natively and everyone else by escaped name', () => {
    expect(mention({ id: 'slack:U0BERT002' })).toBe('<@U0BERT002>');
    expect(mention({ id: 'teams:29:abc', name: '<!here> Eve' })).toBe('&lt;!here&gt; Eve');
    expect(mention({ id: 'slack:<!channel>' })).toBe('&lt;!channel&gt;');
  });

  it('never cuts an entity or a mention in half', () => {
    expect(truncateMrkdwn('abc &amp; def', 7)).toBe('abc …');
    expect(truncateMrkdwn('hi <@U0BERT002> there', 10)).toBe('hi …');
  });
});

describe('checklist', () => {
  const view = checklist([
    task({ status: 'done', note: 'Checked with <!channel> & co', assignee: { id: 'slack:U0BERT002', name: 'Bertil' } }),
    task({ key: 'investigate-forms', ref: '1.2', title: 'List our paper forms' }),
    task({ key: 'investigate-ptv', ref: '1.3', title: 'Update PTV', status: 'na', reason: 'No PTV entries', canChange: false }),
    task({ key: 'investigate-parent', ref: '1.4', title: 'Parent', hasChildren: true }),
    task({ key: 'investigate-child', ref: '1.4.1', depth: 1, title: 'Child', canChange: false }),
  ]);

  it('shows icons, owner, assignee, note and a progress bar', () => {
    const message = render([view]);
    const text = allText(message);
    expect(text).toContain('Phase 1: Investigate');
    expect(text).toContain(':white_check_mark: *1.1* Find out what the service means for us');
    expect(text).toContain('_Owner: Rollout lead · Assignee: <@U0BERT002>_');
    expect(text).toContain('Note: Checked with &lt;!channel&gt; &amp; co');
    expect(text).toContain(':heavy_minus_sign: *1.3* ~Update PTV~');
    expect(text).toContain('Reason: No PTV entries');
    expect(text).toMatch(/▰▰▱▱▱▱▱▱▱▱ 1\/4 done \(25%\)/);
    expect(text).toContain('↳ :white_large_square: *1.4.1* Child');
    expect(message.text).toBe('Phase 1: Investigate · Kunta Esimerkki');
  });

  it('offers Done and Not applicable on open tasks the user may change, Reopen on finished ones', () => {
    const found = buttons(render([view]).blocks);
    expect(found.map((b) => [b.label, b.value.name, b.value.task])).toEqual([
      ['Reopen', 'undo', 'investigate-impact'],
      ['Done', 'done', 'investigate-forms'],
      ['Not applicable', 'skip', 'investigate-forms'],
    ]);
    for (const b of found) expect(decodeAction(JSON.stringify(b.value))).toEqual(b.value);
    expect(found[1].actionId).toMatch(/^rollout\.done\.\d+$/);
    expect(found[2].actionId).toMatch(/^rollout\.skip\.\d+$/);
  });

  it('labels buttons in the response language', () => {
    expect(buttons(render([view], sv).blocks).map((b) => b.label)).toEqual(['Öppna igen', 'Klar', 'Ej tillämplig']);
  });

  it('paginates a huge phase within every Block Kit limit, with working page buttons', () => {
    const tasks = hugePhase();
    const pages = paginate(tasks);
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.flat()).toHaveLength(tasks.length);
    for (let page = 1; page <= pages.length; page++) {
      const message = render([{ kind: 'notice', tone: 'success', text: 'Done.' }, checklist(tasks, { page })]);
      expect(limitViolations(message.blocks)).toEqual([]);
      expect(allText(message)).toContain(`Page ${page} of ${pages.length}`);
      const nav = buttons(message.blocks).filter((b) => b.value.name === 'page');
      expect(nav.map((b) => b.value.page)).toEqual([page > 1 ? page - 1 : undefined, page < pages.length ? page + 1 : undefined].filter(Boolean));
      // A task action remembers its page, so the updated message stays on it.
      const done = buttons(message.blocks).find((b) => b.value.name === 'done');
      if (page > 1 && done) expect(done.value.page).toBe(page);
    }
  });

  it('clamps a page number out of range', () => {
    const message = render([checklist(hugePhase(), { page: 999 })]);
    expect(allText(message)).toMatch(/Page (\d+) of \1/);
  });
});

describe('next, gate and the rest', () => {
  it('next: empty states say why', () => {
    expect(allText(render([nextView([], { phaseComplete: true })]))).toContain('Phase Investigate is complete');
    expect(allText(render([nextView([], { mine: true })]))).toContain('Your roles have no open tasks');
    expect(allText(render([nextView([], { waiting: true })]))).toContain('waiting for earlier tasks');
  });

  it('next: too many tasks are cut with a pointer to status', () => {
    const message = render([nextView(hugePhase(60))]);
    expect(limitViolations(message.blocks)).toEqual([]);
    expect(allText(message)).toMatch(/and \d+ more open tasks\. See them all with `\/rollout status`/);
  });

  it('gate: blockers listed, Advance for the lead opens the override modal when blocked', () => {
    const blocked = render([gate({ blockers: [task({ title: 'Sign the <contract>' })] })]);
    expect(allText(blocked)).toContain('These required tasks are still open:');
    expect(allText(blocked)).toContain('Sign the &lt;contract&gt;');
    const [override] = buttons(blocked.blocks);
    expect(override.actionId).toMatch(/^rollout\.override\./);
    expect(override.value).toEqual({ name: 'advance', rolloutId: 'r-1', phase: 'investigate', from: 'gate' });

    const [advance] = buttons(render([gate()]).blocks);
    expect(advance.actionId).toMatch(/^rollout\.advance\./);
    expect(advance.label).toBe('Advance to Decide');

    const member = render([gate({ canAdvance: false })]);
    expect(buttons(member.blocks)).toEqual([]);
    expect(allText(member)).toContain('Only the rollout lead can advance the phase.');
    expect(allText(render([gate({ next: undefined, canAdvance: false })]))).toContain('This is the final phase');
  });

  it('overview, roles, log, help, notice and error render and escape', () => {
    const views: View[] = [
      {
        kind: 'overview',
        rolloutId: 'r-1',
        rolloutName: 'X <!here>',
        phases: [{ key: 'investigate', name: 'Investigate', number: 1, progress: { done: 2, applicable: 4, percent: 50 }, current: true, optional: false, behind: false }],
        roles: [{ key: 'lead', name: 'Rollout lead', progress: { done: 1, applicable: 1, percent: 100 } }],
      },
      { kind: 'roles', rolloutName: 'X', roles: [{ key: 'lead', name: 'Lead', members: [{ id: 'slack:U0ANNA001' }] }, { key: 'it', name: 'IT', members: [] }] },
      { kind: 'log', rolloutName: 'X', entries: [{ at: '2026-11-23T10:00:00.000Z', actor: { id: 'slack:U0ANNA001' }, text: 'done 1.1 <https://evil|x>' }] },
      { kind: 'help', title: 'Help', intro: 'Intro', commands: [{ usage: 'done <task> [note]', summary: 'Check off' }], footer: 'Footer' },
      { kind: 'notice', tone: 'warning', text: 'Careful <@U999>' },
      { kind: 'error', code: 'task.not_found', text: 'No task 9.9', hint: 'Try `status`' },
    ];
    const message = render(views);
    const text = allText(message);
    expect(text).toContain(':arrow_forward: *1. Investigate* _(current phase)_');
    expect(text).toContain('• *Lead*: <@U0ANNA001>');
    expect(text).toContain('• *IT*: _nobody yet_');
    expect(text).toContain('<!date^1795428000^{date_num} {time}|2026-11-23 10:00> <@U0ANNA001>: done 1.1 &lt;https://evil|x&gt;');
    expect(text).toContain('`/rollout done &lt;task&gt; [note]` Check off');
    expect(text).toContain(':warning: Careful &lt;@U999&gt;');
    expect(text).toContain(':x: No task 9.9');
    expect(text).toContain(':bulb: Try `status`');
    for (const s of mrkdwnStrings(message)) {
      for (const seq of controlSequences(s)) expect(seq).toMatch(/^<(@U0ANNA001|!date\^\d+\^\{date_num\} \{time\}\|[^<>]*)>$/);
    }
  });

  it('caps a message at 50 blocks with a note', () => {
    const many: View[] = Array.from({ length: 80 }, (_, i) => ({ kind: 'notice', tone: 'info', text: `n${i}` }));
    const message = render(many);
    expect(message.blocks).toHaveLength(50);
    expect(allText(message)).toContain('Not everything fits in one Slack message');
  });
});

describe('announcements', () => {
  it('channels: Slack channels as links, others by escaped name, unmapped roles warned', () => {
    const text = allText(
      render([
        {
          kind: 'channels',
          rolloutName: 'Kunta',
          roles: [
            { key: 'staff', name: 'Permit handlers', channels: [{ id: 'slack:C0STAFF01', locales: ['fi', 'sv'] }, { id: 'teams:19:x', name: '<!here>', locales: ['fi'] }] },
            { key: 'it', name: 'IT', channels: [] },
          ],
          unmapped: ['IT'],
          settings: [{ label: 'Contact', value: 'help@kunta.fi <mailto:x>' }],
        },
      ]),
    );
    expect(text).toContain('• *Permit handlers*: <#C0STAFF01> (fi + sv), #&lt;!here&gt; (fi)');
    expect(text).toContain('• *IT*: _no channel_');
    expect(text).toContain(':warning: Roles without a channel: IT');
    expect(text).toContain('• Contact: help@kunta.fi &lt;mailto:x&gt;');
  });

  it('announcement: exact text per channel, a Send button only while it may be sent', () => {
    const view = {
      kind: 'announcement' as const,
      rolloutId: 'r-1',
      batch: 'b-1',
      title: 'Go-live (Deploy)',
      targets: [{ channel: { id: 'slack:C0STAFF01' }, roles: ['Permit handlers'], locales: ['fi'], text: 'Palvelu avautuu <!channel>\ntoinen rivi' }],
      unmapped: [],
      canSend: true,
      sent: false,
    };
    const message = render([view]);
    expect(allText(message)).toContain('<#C0STAFF01> · Permit handlers · fi\n>Palvelu avautuu &lt;!channel&gt;\n>toinen rivi');
    const [send] = buttons(message.blocks);
    expect(send).toMatchObject({ label: 'Send', value: { name: 'send', rolloutId: 'r-1', batch: 'b-1' } });
    expect(send.actionId).toMatch(/^rollout\.send\./);
    expect(buttons(render([{ ...view, sent: true }]).blocks)).toEqual([]);
    expect(allText(render([{ ...view, sent: true }]))).toContain('Sent: Go-live (Deploy)');
    expect(allText(render([{ ...view, canSend: false }]))).toContain('Only the lead or communications can send the announcement.');
    expect(allText(render([{ ...view, targets: [] }]))).toContain('No target channel is mapped yet');
  });

  it('outbox: counts and entries', () => {
    const text = allText(
      render([
        {
          kind: 'outbox',
          rolloutName: 'Kunta',
          counts: { draft: 0, pending: 1, sent: 2, failed: 1, unconfirmed: 0 },
          entries: [{ at: '2026-11-23T10:00:00.000Z', channel: { id: 'slack:C0STAFF01' }, what: 'Go-live', status: 'failed', error: 'channel_not_found' }],
        },
      ]),
    );
    expect(text).toContain('1 queued, 2 sent, 1 failed, 0 previews');
    expect(text).toContain('`2026-11-23 10:00` <#C0STAFF01> Go-live: *failed* — channel_not_found');
  });
});

describe('home tab', () => {
  it('renders the views within 100 blocks, or says how to start', () => {
    const home = renderHome([nextView(hugePhase(40)), checklist(hugePhase(40)), nextView(hugePhase(40))], en);
    expect(home.type).toBe('home');
    expect(limitViolations(home.blocks as unknown as Array<Record<string, unknown>>, 100)).toEqual([]);
    const empty = renderHome([], sv);
    expect(allText(empty)).toContain('Ingen ibruktagning har startats');
  });
});
