import type { CommandDef, CommandResult, CommandContext } from './context';

/** Help is generated from the registry, so it always lists exactly the commands that exist. */
export function helpFor(ctx: CommandContext, registry: readonly CommandDef[]): CommandResult {
  return {
    views: [
      {
        kind: 'help',
        title: ctx.t('help.title'),
        intro: ctx.t('help.intro'),
        commands: registry.map((c) => ({ usage: ctx.t(`commands.${c.name}.usage`), summary: ctx.t(`commands.${c.name}.summary`) })),
        footer: ctx.t('help.footer'),
      },
    ],
  };
}

export function helpCommand(registry: () => readonly CommandDef[]): CommandDef {
  return {
    name: 'help',
    aliases: { en: ['help', '?'], fi: ['apua', 'ohje'], sv: ['hjälp'] },
    run: async (ctx) => helpFor(ctx, registry()),
  };
}
