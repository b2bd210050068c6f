import { issueLink, linkUrl } from '../web-links/dashboard-links';
import { LINK_DAYS } from '../web-links/link-token';
import type { CommandDef } from './context';
import { fail, isResult, loadRollout, notice } from './support';

/** The files `export` links to, under the dashboard link. */
export const EXPORT_FILES = ['checklist.csv', 'checklist.json', 'audit.csv', 'audit.json'] as const;

/** `export`: links (same signed, expiring token as the dashboard) to CSV and JSON of the checklist and the audit trail. */
export const exportCommand: CommandDef = {
  name: 'export',
  aliases: { en: ['export'], fi: ['vie', 'vienti'], sv: ['exportera'] },
  async run(ctx, args) {
    if (args.trim()) return fail(ctx, 'command.usage', { usage: ctx.t('commands.export.usage') });
    if (!ctx.deps.publicUrl) return fail(ctx, 'dashboard.unavailable');
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const token = await issueLink(ctx.deps, 'rollout', loaded.state.rollout.id);
    const links = EXPORT_FILES.map((file) => `${ctx.t(`notices.export_files.${file.replace('.', '_')}`)}: ${linkUrl(ctx.deps, token, `export/${file}`)}`);
    return { views: [notice(`${ctx.t('notices.export_links', { name: loaded.state.rollout.name, days: LINK_DAYS })}\n${links.join('\n')}`, 'info')] };
  },
};
