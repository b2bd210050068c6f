import type { CommandDef } from './context';
import { isResult, loadRollout, viewsFor } from './support';

export const roles: CommandDef = {
  name: 'roles',
  aliases: { en: ['roles', 'team'], fi: ['roolit'], sv: ['roller'] },
  async run(ctx) {
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    return { views: [(await viewsFor(ctx, loaded)).roles()] };
  },
};
