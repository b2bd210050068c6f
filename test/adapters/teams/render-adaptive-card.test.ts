import { decodeAction } from '../../../src/core/action-codec';
import type { AnnouncementView } from '../../../src/core/views';
import { readCardAction } from '../../../adapters/teams/card-action';
import { CHECKLIST_BUDGET_BYTES } from '../../../adapters/teams/render-rollout-views';
import { progressBar } from '../../../adapters/teams/card-elements';
import { renderCard, renderTextCard, renderUpdateCard, renderWelcomeCard } from '../../../adapters/teams/render-adaptive-card';

import { checklist, en, fi, gate, nodes, ofType, otherViews, task, texts } from './support/views';

/** What Teams sends back for a click: the action's data plus the values of its inputs. */
function click(action: Record<string, unknown>, inputs: Record<string, string> = {}) {
  return readCardAction({ action: { type: 'Action.Execute', verb: action.verb, data: { ...(action.data as object), ...inputs } } });
}

describe('Adaptive Card rendering', () => {
  it('is an Adaptive Card 1.5 with every text as a plain TextRun, never Markdown', () => {
    const card = renderCard([checklist(), gate(), ...otherViews], en);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(ofType(card, 'TextBlock')).toEqual([]);
    expect(ofType(card, 'FactSet')).toEqual([]);
    expect(ofType(card, 'Action.OpenUrl')).toEqual([]);
  });

  it('shows the checklist: progress once, each task on one line with owner and assignee, notes and reasons cut short', () => {
    const shown = texts(renderCard([checklist()], en)).join('|');
    expect(progressBar({ done: 3, applicable: 5, percent: 60 })).toBe('▰▰▰▰▰▰▱▱▱▱');
    expect(progressBar({ done: 2, applicable: 3, percent: 66 })).toBe('▰▰▰▰▰▰▱▱▱▱');
    expect(progressBar({ done: 0, applicable: 0, percent: 100 })).toBe('▰▰▰▰▰▰▰▰▰▰');
    expect(shown).toContain('▰▰▰▰▰▰▱▱▱▱  |3/5 done (60%)');
    expect(shown.match(/60/g)).toHaveLength(1);
    expect(shown).toContain('Phase 5: Go live');
    expect(shown).toContain('|1.1 Task deploy-comms-groups · IT and integration|Assignee: Iiro IT · Note: agreed with HR|');
    expect(shown).toMatch(/➖ \|4\.2\.4 \|Task deploy-light\| · not applicable, IT and integration, conditional/);
    expect(shown).toContain('Reason: interface chosen');
    expect(texts(renderCard([checklist()], fi)).join('|')).toContain('1.2 Task deploy-comms-topics · IT and integration');
  });

  it('gives tasks the asker may change a checkbox (checked when done), parents none, and one Save with menus', () => {
    const card = renderCard([checklist()], en);
    const boxes = ofType(card, 'Input.Toggle');
    expect(boxes.map((b) => [String(b.id).split(':').pop(), b.value])).toEqual([['deploy-comms-groups', 'true'], ['deploy-comms-topics', 'false']]);
    // The parent completes through its subtasks and is marked as such; tasks the asker may not change have no box.
    expect(texts(card).join('|')).toContain('🔹 |1 |Task deploy-comms| · completes through its subtasks');
    expect(texts(card).join('|')).toMatch(/⬜ \|2 \|Task deploy-staff\| · open/);
    const executes = ofType(card, 'Action.Execute');
    expect(executes.map((e) => e.title)).toEqual(['Save changes', 'Mark not applicable', 'Reopen']);
    // No button under any line: the only action set is the card's last element.
    expect(ofType(card, 'ActionSet')).toHaveLength(1);

    const saveButton = executes[0];
    const read = click(saveButton, { [String(boxes[0].id)]: 'false', [String(boxes[1].id)]: 'true' });
    expect(read).toEqual({ ok: true, batch: [
      { name: 'undo', rolloutId: 'r-1', task: 'deploy-comms-groups', from: 'checklist' },
      { name: 'done', rolloutId: 'r-1', task: 'deploy-comms-topics', from: 'checklist' },
    ] });
    expect(click(saveButton, { [String(boxes[0].id)]: 'true', [String(boxes[1].id)]: 'false' })).toEqual({ ok: true, batch: [] });
    expect(click(saveButton, { [String(boxes[0].id)]: 'maybe' })).toEqual({ ok: false, problem: 'invalid' });

    const [skip, reopen] = ofType(card, 'Action.ShowCard');
    expect(skip.title).toBe('Not applicable…');
    const choice = ofType(skip, 'Input.ChoiceSet')[0];
    expect(choice).toMatchObject({ isRequired: true, style: 'compact', choices: [{ title: '1.2 Task deploy-comms-topics', value: 'deploy-comms-topics' }] });
    const input = ofType(skip, 'Input.Text')[0];
    expect(input).toMatchObject({ isRequired: true, maxLength: 2000, errorMessage: 'Write a reason first.' });
    const submit = ofType(skip, 'Action.Execute')[0];
    expect(submit).toMatchObject({ associatedInputs: 'auto', verb: 'rollout' });
    expect(click(submit, { [String(choice.id)]: 'deploy-comms-topics', [String(input.id)]: '  we use the interface  ' })).toEqual({
      ok: true, action: { name: 'skip', rolloutId: 'r-1', task: 'deploy-comms-topics', from: 'checklist', reason: 'we use the interface' },
    });
    // A blank reason goes to the core as none: the core refuses it and keeps the view.
    expect(click(submit, { [String(choice.id)]: 'deploy-comms-topics', [String(input.id)]: '   ' })).toEqual({
      ok: true, action: { name: 'skip', rolloutId: 'r-1', task: 'deploy-comms-topics', from: 'checklist' },
    });
    expect(reopen.title).toBe('Reopen…');
    expect(ofType(reopen, 'Input.ChoiceSet')[0].choices).toEqual([{ title: '4.2.4 Task deploy-light', value: 'deploy-light' }]);

    // Nothing to change: no checkbox, no action at all.
    const readOnly = renderCard([checklist({ tasks: checklist().tasks.map((x) => ({ ...x, canChange: false })) })], en);
    expect(nodes(readOnly).filter((n) => n.type?.startsWith('Action.') || n.type?.startsWith('Input.'))).toEqual([]);
  });

  it('keeps input ids unique in a card with several views', () => {
    const card = renderCard([checklist(), checklist(), gate()], en);
    const ids = nodes(card).filter((n) => n.type?.startsWith('Input.')).map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows a whole phase in one card while it fits the size budget, and pages beyond it, keeping the page on Save', () => {
    const few = Array.from({ length: 30 }, (_, i) => task({ key: `t${i + 1}`, ref: String(i + 1) }));
    const whole = renderCard([checklist({ tasks: few })], en);
    expect(ofType(whole, 'Input.Toggle')).toHaveLength(30);
    expect(texts(whole).join('|')).not.toContain('Page');

    const many = Array.from({ length: 120 }, (_, i) => task({ key: `t${i + 1}`, ref: String(i + 1), title: `Task ${i + 1} ${'with a long title '.repeat(6)}` }));
    const first = renderCard([checklist({ tasks: many })], en);
    expect(Buffer.byteLength(JSON.stringify(first))).toBeLessThan(CHECKLIST_BUDGET_BYTES + 2_000);
    const pages = Number(/Page 1 of (\d+)/.exec(texts(first).join('|'))?.[1]);
    expect(pages).toBeGreaterThan(1);
    const second = renderCard([checklist({ tasks: many, page: 2 })], en);
    const onSecond = ofType(second, 'Input.Toggle').map((b) => String(b.id).split(':').pop());
    expect(onSecond[0]).toBe(`t${ofType(first, 'Input.Toggle').length + 1}`);
    const actions = ofType(second, 'Action.Execute').map((e) => decodeAction((e.data as { action: string }).action)!);
    expect(actions.filter((a) => a.name === 'page').map((a) => a.page)).toEqual(pages > 2 ? [1, 3] : [1]);
    expect(actions.find((a) => a.name === 'done')).toMatchObject({ page: 2 });
  });

  it('offers the lead Advance, with an override reason when tasks block the gate', () => {
    const blocked = renderCard([gate()], en);
    expect(texts(blocked)).toContain('⛔ These required tasks are still open:');
    const override = ofType(blocked, 'Action.ShowCard')[0];
    expect(override.title).toBe('Advance with override');
    const submit = ofType(override, 'Action.Execute')[0];
    const input = ofType(override, 'Input.Text')[0];
    expect(click(submit, { [input.id as string]: 'tests booked for Monday' })).toMatchObject({
      ok: true, action: { name: 'advance', phase: 'implement', from: 'gate', reason: 'tests booked for Monday' },
    });
    expect(ofType(blocked, 'Action.Execute')).toHaveLength(1);

    const clear = renderCard([gate({ blockers: [] })], en);
    expect(ofType(clear, 'Action.Execute').map((e) => e.title)).toEqual(['Advance to Go live']);
    expect(ofType(clear, 'Action.ShowCard')).toEqual([]);

    const notLead = renderCard([gate({ canAdvance: false })], en);
    expect(ofType(notLead, 'Action.Execute')).toEqual([]);
    expect(texts(notLead)).toContain('Only the rollout lead can advance the phase.');

    const final = renderCard([gate({ next: undefined, blockers: [] })], en);
    expect(texts(final)).toContain('This is the final phase; there is no next phase.');
    expect(nodes(final).some((n) => n.type?.startsWith('Action.'))).toBe(false);
  });

  it('renders help, roles, log, overview, notice, error and next', () => {
    const shown = texts(renderCard(otherViews, en));
    for (const expected of [
      '✅ 1.2 done.', '❌ You cannot change 1.2.', 'Ask the lead.', 'next [mine]', 'IT: ', 'Iiro IT', 'nobody yet',
      '2026-11-23 09:30 ', '29:1Leena: ', 'Kotikunta: status', 'Progress by role', 'Your next steps: Go live',
    ]) expect(shown).toContain(expected);
  });

  it('renders announcement channels, previews with Send, and the outbox', () => {
    const card = renderCard(otherViews.slice(-3), en);
    const shown = texts(card);
    for (const expected of [
      'Kotikunta: role channels', '#it-team (fi + sv)', 'no channel', '⚠ Roles without a channel: Staff', en('teams:channels_hint'),
      'Go-live date: ', '2027-02-01', 'Preview: Go-live is starting', '19:it@thread.tacv2', ' · IT · fi', 'Käyttöönotto alkaa.', 'Lisätietoja tulossa.',
      'Kotikunta: announcements', '1 queued, 2 sent, 1 failed, 0 previews, 0 unconfirmed', '#it-team announcement: ', 'failed', ' — forbidden',
    ]) expect(shown).toContain(expected);
    const send = ofType(card, 'Action.Execute');
    expect(send.map((e) => e.title)).toEqual(['Send']);
    expect(decodeAction((send[0].data as { action: string }).action)).toEqual({ name: 'send', rolloutId: 'r-1', batch: 'b-7' });
    const announcement = otherViews[8] as AnnouncementView;
    expect(ofType(renderCard([{ ...announcement, sent: true }], en), 'Action.Execute')).toEqual([]);
    expect(texts(renderCard([{ ...announcement, canSend: false }], en))).toContain(en('ui:announcement_lead_only'));
    expect(texts(renderCard([{ ...announcement, targets: [] }], en))).toContain(`⚠ ${en('ui:announcement_no_targets')}`);
  });

  it('quotes each text once, under every channel that gets it, exactly as it will be posted', () => {
    const fi = 'Käyttöönotto alkaa 1.3.2027.\nYhteyshenkilö: Maija';
    const fiSv = `${fi}\n\n———\nInförandet börjar 1.3.2027.\nKontaktperson: Maija`;
    const view: AnnouncementView = {
      kind: 'announcement', rolloutId: 'r-1', batch: 'b-8', title: 'Go-live is coming', unmapped: ['PTV administrator'], canSend: true, sent: false,
      targets: [
        { channel: { id: 'teams:19:comms@thread.tacv2' }, roles: ['Communications'], locales: ['fi', 'sv'], text: fiSv },
        { channel: { id: 'teams:19:staff@thread.tacv2', name: 'henkilöstö' }, roles: ['Staff', 'IT'], locales: ['fi'], text: fi },
        { channel: { id: 'teams:19:mgmt@thread.tacv2' }, roles: ['Management'], locales: ['fi'], text: fi },
      ],
    };
    const card = renderCard([view], en);
    const [, bilingual, finnish] = card.body[0].items as Array<{ items: Array<Record<string, unknown>> }>;
    expect(texts(bilingual.items.slice(0, -1))).toEqual(['19:comms@thread.tacv2', ' · Communications · fi + sv']);
    expect(texts(finnish.items.slice(0, -1))).toEqual(['#henkilöstö', ' · Staff, IT · fi', '19:mgmt@thread.tacv2', ' · Management · fi']);
    // The quote is the posted card's body, line for line, with the gap between the languages.
    const quote = bilingual.items[bilingual.items.length - 1];
    expect(quote).toMatchObject({ type: 'Container', style: 'emphasis' });
    expect(quote.items).toEqual(renderTextCard(fiSv).body);
    expect(texts(quote)).toEqual(['Käyttöönotto alkaa 1.3.2027.', 'Yhteyshenkilö: Maija', '———', 'Införandet börjar 1.3.2027.', 'Kontaktperson: Maija']);
    expect(texts(finnish.items[finnish.items.length - 1])).toEqual(['Käyttöönotto alkaa 1.3.2027.', 'Yhteyshenkilö: Maija']);
    expect(texts(card)).toContain(`⚠ ${en('teams:announcement_unmapped', { roles: 'PTV administrator' })}`);
    expect(ofType(card, 'Action.Execute').map((e) => e.title)).toEqual(['Send']);
  });

  it('answers a click with the updated view, notices and errors on top', () => {
    const update = checklist();
    const card = renderUpdateCard([{ kind: 'notice', tone: 'success', text: '✅ 1.2 done.' }], update, en);
    const shown = texts(card);
    expect(shown[0]).toBe('✅ 1.2 done.');
    expect(shown).toContain('Kotikunta');
    expect(texts(renderUpdateCard([otherViews[1]], undefined, en))).toEqual(['❌ You cannot change 1.2.', 'Ask the lead.']);
  });

  it('renders plain outbox text line by line, and the welcome for chats and channels', () => {
    const card = renderTextCard('Go-live on Monday.\r\nBring coffee.\n\n**Not bold**');
    expect(texts(card)).toEqual(['Go-live on Monday.', 'Bring coffee.', '**Not bold**']);
    expect(card.body.map((b) => b.spacing)).toEqual([undefined, 'None', 'Medium']);
    expect(texts(renderWelcomeCard(true, fi))[1]).toContain('Kirjoita komento tähän');
    expect(texts(renderWelcomeCard(false, en))[1]).toContain('@Rollout help');
  });
});
