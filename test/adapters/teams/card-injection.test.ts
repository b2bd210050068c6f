import { readCardAction } from '../../../adapters/teams/card-action';
import { shorten } from '../../../adapters/teams/card-elements';
import { renderCard } from '../../../adapters/teams/render-adaptive-card';
import type { View } from '../../../src/core/views';
import { checklist, en, nodes, otherViews, task, texts } from './support/views';

const NOTE = '"}]}, {"type":"Action.OpenUrl","url":"https://evil"}';
const NAME = '${jndi:x} [click me](https://evil.example) **urgent** {{DATE(2017-02-14T06:08:00Z, SHORT)}} <at>x</at>';

/** The shape of a card: element types and action titles, without any text. */
function shape(card: unknown): string[] {
  return nodes(card).map((n) => (n.type?.startsWith('Action.') ? `${n.type}` : String(n.type)));
}

describe('user text in cards', () => {
  const benign = checklist({ rolloutName: 'Kotikunta', tasks: [task({ key: 'k', ref: '1.2', status: 'done', note: 'fine', assignee: { id: 'teams:29:1a', name: 'Anna' } })] });
  const hostile = checklist({ rolloutName: NAME, tasks: [task({ key: 'k', ref: '1.2', status: 'done', note: NOTE, assignee: { id: 'teams:29:1a', name: NAME } })] });

  it('stays data: the same elements and actions appear whatever the text', () => {
    expect(shape(renderCard([hostile], en))).toEqual(shape(renderCard([benign], en)));
    const json = JSON.stringify(renderCard([hostile], en));
    expect(nodes(JSON.parse(json)).filter((n) => n.type === 'Action.OpenUrl')).toEqual([]);
    expect(JSON.parse(json)).toEqual(renderCard([hostile], en));
  });

  it('is shown verbatim in TextRuns, where Teams applies no Markdown', () => {
    const shown = texts(renderCard([hostile], en));
    expect(shown).toContain(NAME);
    // A long name is cut on a task line; what is shown of it stays plain text.
    expect(shown).toContain(`Assignee: ${shorten(NAME, 40)} · Note: ${NOTE}`);
    expect(nodes(renderCard([hostile, ...otherViews], en)).filter((n) => n.type === 'TextBlock')).toEqual([]);
  });

  it('cannot smuggle itself into button data', () => {
    const card = renderCard([checklist({ rolloutId: '"},"name":"advance', tasks: [task({ key: 'k' })] })], en);
    const save = nodes(card).find((n) => n.type === 'Action.Execute')!;
    const box = nodes(card).find((n) => n.type === 'Input.Toggle')!;
    expect(readCardAction({ action: { type: 'Action.Execute', verb: 'rollout', data: { ...(save.data as object), [String(box.id)]: 'true' } } })).toEqual({
      ok: true, batch: [{ name: 'done', rolloutId: '"},"name":"advance', task: 'k', from: 'checklist' }],
    });
  });
});

describe('user text in announcement, channel and outbox cards', () => {
  const comms = (s: string): View[] => [
    {
      kind: 'channels', rolloutName: s,
      roles: [{ key: 'it', name: s, channels: [{ id: 'teams:19:it@thread.tacv2', name: s, locales: ['fi'] }] }],
      unmapped: [s], settings: [{ label: 'Contact', value: s }],
    },
    {
      kind: 'announcement', rolloutId: 'r-1', batch: 'b-1', title: s, unmapped: [s], canSend: true, sent: false,
      targets: [{ channel: { id: 'teams:19:it@thread.tacv2', name: s }, roles: [s], locales: ['fi'], text: `${s}\n\n${s}` }],
    },
    {
      kind: 'outbox', rolloutName: s, counts: { draft: 1, pending: 0, sent: 0, failed: 1, unconfirmed: 0 },
      entries: [{ at: '2026-11-23T09:30:00.000Z', channel: { id: 'teams:19:it@thread.tacv2', name: s }, what: s, status: 'failed', error: s }],
    },
  ];

  it('stays data: the same elements and actions, and every text shown verbatim', () => {
    const hostile = renderCard(comms(NOTE + NAME), en);
    expect(shape(hostile)).toEqual(shape(renderCard(comms('Kotikunta'), en)));
    expect(JSON.parse(JSON.stringify(hostile))).toEqual(hostile);
    const shown = texts(hostile);
    expect(shown.filter((t) => t.includes(NOTE + NAME)).length).toBeGreaterThanOrEqual(12);
    expect(nodes(hostile).filter((n) => n.type === 'TextBlock' || n.type === 'Action.OpenUrl')).toEqual([]);
    const send = nodes(hostile).find((n) => n.type === 'Action.Execute')!;
    expect(readCardAction({ action: { type: 'Action.Execute', verb: 'rollout', data: send.data } })).toEqual({ ok: true, action: { name: 'send', rolloutId: 'r-1', batch: 'b-1' } });
  });
});

describe('reading card actions', () => {
  const data = { action: JSON.stringify({ name: 'done', rolloutId: 'r-1', task: 'k', from: 'next' }) };
  const value = (over: Record<string, unknown>) => ({ action: { type: 'Action.Execute', verb: 'rollout', data, ...over }, trigger: 'manual' });

  it('accepts our own buttons', () => {
    expect(readCardAction(value({}))).toEqual({ ok: true, action: { name: 'done', rolloutId: 'r-1', task: 'k', from: 'next' } });
  });

  it.each([
    ['no value', undefined],
    ['no action', { trigger: 'manual' }],
    ['another verb', value({ verb: 'other' })],
    ['Action.Submit', value({ type: 'Action.Submit' })],
    ['no data', value({ data: undefined })],
    ['data not encoded', value({ data: { name: 'done', rolloutId: 'r-1' } })],
    ['broken JSON', value({ data: { action: '{"name":' } })],
    ['unknown action', value({ data: { action: JSON.stringify({ name: 'delete', rolloutId: 'r-1' }) } })],
    ['extra fields', value({ data: { action: JSON.stringify({ name: 'done', rolloutId: 'r-1', admin: true }) } })],
    ['reason input not a string', value({ data: { ...data, reasonInput: 7 } })],
    ['reason too long', value({ data: { ...data, reasonInput: 'r', r: 'x'.repeat(2001) } })],
  ])('refuses tampered data: %s', (_label, v) => {
    expect(readCardAction(v)).toEqual({ ok: false, problem: 'invalid' });
  });
});
