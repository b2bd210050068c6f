import { decodeAction } from '../../../src/core/action-codec';
import type { AnnouncementView } from '../../../src/core/views';
import { readCardAction } from '../../../adapters/teams/card-action';
import { progressBar } from '../../../adapters/teams/card-elements';
import { renderCard, renderTextCard, renderUpdateCard, renderWelcomeCard } from '../../../adapters/teams/render-adaptive-card';
import { CHECKLIST_PAGE_SIZE } from '../../../adapters/teams/render-rollout-views';
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

  it('shows the checklist: progress bar, status, owner role, assignee, note and reason', () => {
    const shown = texts(renderCard([checklist()], en)).join('|');
    expect(progressBar({ done: 3, applicable: 5, percent: 60 })).toBe('▰▰▰▰▰▰▱▱▱▱ 60 %');
    expect(shown).toContain('▰▰▰▰▰▰▱▱▱▱ 60 %');
    expect(shown).toContain('3/5 done (60%)');
    expect(shown).toContain('Phase 5: Go live');
    expect(shown).toMatch(/✅ \|1\.1 \|Task deploy-comms-groups\| · done/);
    expect(shown).toContain('Owner: IT and integration');
    expect(shown).toContain(' · Assignee: Iiro IT');
    expect(shown).toContain('Note: agreed with HR');
    expect(shown).toContain('Reason: interface chosen');
    expect(shown).toContain(' · conditional');
    expect(texts(renderCard([checklist()], fi)).join('|')).toContain('Vastuurooli: IT and integration');
  });

  it('gives open tasks Done and Not applicable (reason required), finished ones Reopen, and others none', () => {
    const card = renderCard([checklist()], en);
    const executes = ofType(card, 'Action.Execute');
    const actions = executes.map((e) => decodeAction((e.data as { action: string }).action)!);
    expect(actions.map((a) => `${a.name}:${a.task}`)).toEqual([
      'undo:deploy-comms-groups', 'done:deploy-comms-topics', 'skip:deploy-comms-topics', 'undo:deploy-light',
    ]);
    expect(actions.every((a) => a.rolloutId === 'r-1' && a.from === 'checklist')).toBe(true);
    expect(executes.map((e) => e.title)).toEqual(['Reopen', 'Done', 'Save', 'Reopen']);

    const showCard = ofType(card, 'Action.ShowCard')[0];
    expect(showCard.title).toBe('Not applicable');
    const input = ofType(showCard, 'Input.Text')[0];
    expect(input).toMatchObject({ isRequired: true, maxLength: 2000, errorMessage: 'Write a reason first.' });
    const submit = ofType(showCard, 'Action.Execute')[0];
    expect(submit).toMatchObject({ associatedInputs: 'auto', verb: 'rollout' });
    expect(click(submit, { [input.id as string]: '  we use the interface  ' })).toEqual({
      ok: true, action: { name: 'skip', rolloutId: 'r-1', task: 'deploy-comms-topics', from: 'checklist', reason: 'we use the interface' },
    });
    // A blank reason goes to the core as none: the core refuses it and keeps the view.
    expect(click(submit, { [input.id as string]: '   ' })).toEqual({
      ok: true, action: { name: 'skip', rolloutId: 'r-1', task: 'deploy-comms-topics', from: 'checklist' },
    });
  });

  it('keeps input ids unique in a card with several views', () => {
    const card = renderCard([checklist(), checklist(), gate()], en);
    const ids = ofType(card, 'Input.Text').map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('paginates a long checklist with Previous/Next page actions, and keeps the page on task buttons', () => {
    const tasks = Array.from({ length: 23 }, (_, i) => task({ key: `t${i + 1}`, ref: String(i + 1) }));
    const card = renderCard([checklist({ tasks, page: 2 })], en);
    const shown = texts(card);
    expect(shown).toContain('11 ');
    expect(shown).toContain('20 ');
    expect(shown).not.toContain('10 ');
    expect(shown).not.toContain('21 ');
    expect(shown).toContain('Page 2 of 3');
    const actions = ofType(card, 'Action.Execute').map((e) => decodeAction((e.data as { action: string }).action)!);
    expect(actions.filter((a) => a.name === 'page')).toEqual([
      { name: 'page', rolloutId: 'r-1', phase: 'deploy', page: 1, from: 'checklist' },
      { name: 'page', rolloutId: 'r-1', phase: 'deploy', page: 3, from: 'checklist' },
    ]);
    expect(actions.find((a) => a.name === 'done')).toMatchObject({ page: 2 });
    expect(CHECKLIST_PAGE_SIZE).toBe(10);
  });

  it('offers the lead Advance, with an override reason when tasks block the gate', () => {
    const blocked = renderCard([gate()], en);
    expect(texts(blocked)).toContain('These required tasks are still open:');
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
      '✅ 1.2 done.', 'You cannot change 1.2.', 'Ask the lead.', 'next [mine]', 'IT: ', 'Iiro IT', 'nobody yet',
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
    expect(texts(renderUpdateCard([otherViews[1]], undefined, en))).toEqual(['You cannot change 1.2.', 'Ask the lead.']);
  });

  it('renders plain outbox text line by line, and the welcome for chats and channels', () => {
    const card = renderTextCard('Go-live on Monday.\r\nBring coffee.\n\n**Not bold**');
    expect(texts(card)).toEqual(['Go-live on Monday.', 'Bring coffee.', '**Not bold**']);
    expect(card.body.map((b) => b.spacing)).toEqual([undefined, 'None', 'Medium']);
    expect(texts(renderWelcomeCard(true, fi))[1]).toContain('Kirjoita komento tähän');
    expect(texts(renderWelcomeCard(false, en))[1]).toContain('@Rollout help');
  });
});
