import { findPhase } from '../domain/task-ref';
import type { CommandDef } from './context';
import { fail, isResult, loadRollout, viewsFor } from './support';

export const status: CommandDef = {
  name: 'status',
  aliases: { en: ['status', 'checklist'], fi: ['tila', 'tilanne'], sv: ['läge', 'status'] },
  async run(ctx, args) {
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const views = await viewsFor(ctx, loaded);
    if (!args) return { views: [views.overview(), views.checklist()] };
    const phase = findPhase(loaded.playbook, args);
    if (!phase) {
      return fail(ctx, 'phase.not_found', { phase: args.slice(0, 80), phases: loaded.playbook.phases.map((p) => `${p.key} (${p.name[ctx.locale]})`).join(', ') });
    }
    return { views: [views.checklist(phase.key)] };
  },
};
