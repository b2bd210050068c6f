import type { ChannelsView } from '../core/views';
import type { CommandDef } from './context';
import { isResult, loadRollout } from './support';
import { SETTINGS } from './set';

export const channels: CommandDef = {
  name: 'channels',
  aliases: { en: ['channels'], fi: ['kanavat'], sv: ['kanaler'] },
  async run(ctx) {
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const { state, playbook } = loaded;
    const roles = playbook.roles.map((r) => ({
      key: r.key,
      name: r.name[ctx.locale],
      channels: state.channels.filter((c) => c.role === r.key).map((c) => ({ id: c.channel, ...(c.name ? { name: c.name } : {}), locales: c.locales })),
    }));
    const view: ChannelsView = {
      kind: 'channels',
      rolloutName: state.rollout.name,
      roles,
      unmapped: roles.filter((r) => r.channels.length === 0).map((r) => r.name),
      settings: SETTINGS.map((s) => ({ label: ctx.t(`settings.${s}`), value: state.rollout.settings[s] ?? ctx.t('ui:not_set') })),
    };
    return { views: [view] };
  },
};
