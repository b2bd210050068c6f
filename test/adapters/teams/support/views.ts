import type { ChecklistView, GateView, TaskLine, View } from '../../../../src/core/views';
import { Translations } from '../../../../src/i18n/i18n';

export const translations = new Translations();
export const en = translations.t('en');
export const fi = translations.t('fi');

export function task(over: Partial<TaskLine> & { key: string }): TaskLine {
  return {
    ref: over.key,
    phase: 'deploy',
    depth: 0,
    title: `Task ${over.key}`,
    status: 'open',
    role: 'it',
    roleName: 'IT and integration',
    conditional: false,
    hasChildren: false,
    canChange: true,
    ...over,
  };
}

export function checklist(over: Partial<ChecklistView> = {}): ChecklistView {
  return {
    kind: 'checklist',
    rolloutId: 'r-1',
    rolloutName: 'Kotikunta',
    phase: { key: 'deploy', name: 'Go live', number: 5 },
    current: true,
    progress: { done: 3, applicable: 5, percent: 60 },
    tasks: [
      task({ key: 'deploy-comms', ref: '1', hasChildren: true, canChange: false, role: 'communications', roleName: 'Communications' }),
      task({ key: 'deploy-comms-groups', ref: '1.1', depth: 1, status: 'done', note: 'agreed with HR', assignee: { id: 'teams:29:1Iiro', name: 'Iiro IT' } }),
      task({ key: 'deploy-comms-topics', ref: '1.2', depth: 1 }),
      task({ key: 'deploy-light', ref: '4.2.4', depth: 2, status: 'na', reason: 'interface chosen', conditional: true }),
      task({ key: 'deploy-staff', ref: '2', canChange: false }),
    ],
    ...over,
  };
}

export function gate(over: Partial<GateView> = {}): GateView {
  return {
    kind: 'gate',
    rolloutId: 'r-1',
    rolloutName: 'Kotikunta',
    phase: { key: 'implement', name: 'Implement', number: 4 },
    next: { key: 'deploy', name: 'Go live', number: 5 },
    blockers: [task({ key: 'impl-tests', ref: '7' })],
    canAdvance: true,
    ...over,
  };
}

export const otherViews: View[] = [
  { kind: 'notice', tone: 'success', text: '✅ 1.2 done.' },
  { kind: 'error', code: 'auth.forbidden', text: 'You cannot change 1.2.', hint: 'Ask the lead.' },
  { kind: 'help', title: 'Commands', intro: 'Write a command.', commands: [{ usage: 'next [mine]', summary: 'What to do next' }], footer: 'Tasks by number.' },
  { kind: 'roles', rolloutName: 'Kotikunta', roles: [{ key: 'it', name: 'IT', members: [{ id: 'teams:29:1Iiro', name: 'Iiro IT' }] }, { key: 'comms', name: 'Comms', members: [] }] },
  { kind: 'log', rolloutName: 'Kotikunta', entries: [{ at: '2026-11-23T09:30:12.000Z', actor: { id: 'teams:29:1Leena' }, text: 'done 1.1' }] },
  {
    kind: 'overview',
    rolloutId: 'r-1',
    rolloutName: 'Kotikunta',
    phases: [{ key: 'deploy', name: 'Go live', number: 5, progress: { done: 1, applicable: 4, percent: 25 }, current: true, optional: false, behind: false }],
    roles: [{ key: 'it', name: 'IT', progress: { done: 0, applicable: 2, percent: 0 } }],
  },
  {
    kind: 'next',
    rolloutId: 'r-1',
    rolloutName: 'Kotikunta',
    phase: { key: 'deploy', name: 'Go live', number: 5 },
    tasks: [task({ key: 'deploy-comms-topics', ref: '1.2' })],
    phaseComplete: false,
    mine: true,
    waiting: false,
    more: 0,
  },
  {
    kind: 'channels',
    rolloutName: 'Kotikunta',
    roles: [
      { key: 'it', name: 'IT', channels: [{ id: 'teams:19:it@thread.tacv2', name: 'it-team', locales: ['fi', 'sv'] }] },
      { key: 'staff', name: 'Staff', channels: [] },
    ],
    unmapped: ['Staff'],
    settings: [{ label: 'Go-live date', value: '2027-02-01' }],
  },
  {
    kind: 'announcement',
    rolloutId: 'r-1',
    batch: 'b-7',
    title: 'Go-live is starting',
    targets: [{ channel: { id: 'teams:19:it@thread.tacv2' }, roles: ['IT'], locales: ['fi'], text: 'Käyttöönotto alkaa.\nLisätietoja tulossa.' }],
    unmapped: [],
    canSend: true,
    sent: false,
  },
  {
    kind: 'outbox',
    rolloutName: 'Kotikunta',
    counts: { draft: 0, pending: 1, sent: 2, failed: 1, unconfirmed: 0 },
    entries: [{ at: '2026-11-23T09:30:00.000Z', channel: { id: 'teams:19:it@thread.tacv2', name: 'it-team' }, what: 'announcement', status: 'failed', error: 'forbidden' }],
  },
];

type Node = { type?: string; [key: string]: unknown };

/** Every object in a card that has a `type` (elements, inlines, actions, inputs, show-cards). */
export function nodes(card: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(card)) for (const item of card) nodes(item, out);
  else if (card && typeof card === 'object') {
    if (typeof (card as Node).type === 'string') out.push(card as Node);
    for (const value of Object.values(card)) nodes(value, out);
  }
  return out;
}

export const ofType = (card: unknown, type: string) => nodes(card).filter((n) => n.type === type);

/** All the text a card shows, in order: text runs and checkbox labels. */
export const texts = (card: unknown) =>
  nodes(card).filter((n) => n.type === 'TextRun' || n.type === 'Input.Toggle').map((n) => (n.type === 'TextRun' ? n.text : n.title) as string);
