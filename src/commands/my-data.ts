import type { BotFile } from '../core/request';
import type { PersonalData } from '../ports/personal-data.port';
import type { CommandContext, CommandDef } from './context';
import { fail, notice } from './support';

/** The parts of the export, in the order the file lists them; each is explained in the asker's language. */
const SECTIONS = ['person', 'roles', 'tasks', 'rolloutsCreated', 'auditTrail', 'messages', 'platformRecords'] as const;

/**
 * `my data`: everything the bot keeps about the asker, as a JSON file with a short explanation
 * in their language at the top. The adapters hand the file over where only the asker sees it.
 */
export const myData: CommandDef = {
  name: 'my-data',
  aliases: { en: ['my data', 'mydata'], fi: ['omat tiedot'], sv: ['mina uppgifter'] },
  async run(ctx, args) {
    if (args) return fail(ctx, 'command.usage', { usage: ctx.t('commands.my-data.usage') });
    const data = await ctx.deps.store.personalData(ctx.request.user);
    const file = exportFile(ctx, data);
    const entries = data.roles.length + data.tasks.length + data.rolloutsCreated.length + data.events.length + data.messages.length + data.platformRecords.length;
    return { views: [notice(ctx.t('notices.my_data', { file: file.name, count: entries }), 'info')], file };
  },
};

export function exportFile(ctx: CommandContext, data: PersonalData): BotFile {
  const { t } = ctx;
  const now = ctx.deps.clock.now();
  const content = {
    about: t('personal_data.about', { date: now.toISOString().slice(0, 10) }),
    contents: Object.fromEntries(SECTIONS.map((s) => [s, t(`personal_data.sections.${s}`)])),
    exportedAt: now.toISOString(),
    person: {
      id: data.user,
      ...(data.name ? { name: data.name } : {}),
      ...(data.locale ? { language: data.locale } : {}),
      workspaces: data.workspaces,
    },
    roles: data.roles,
    tasks: data.tasks,
    rolloutsCreated: data.rolloutsCreated,
    auditTrail: data.events,
    messages: data.messages,
    platformRecords: data.platformRecords,
  };
  return {
    name: `rollout-my-data-${now.toISOString().slice(0, 10)}.json`,
    mimeType: 'application/json',
    content: `${JSON.stringify(content, null, 2)}\n`,
    title: t('personal_data.title'),
  };
}
