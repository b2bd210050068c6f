import type { webApi } from '@slack/bolt';
import type { BotResponse } from '../../src/core/request';
import type { View } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import type { Logger } from '../../src/ports/logger.port';

type WebClient = webApi.WebClient;

/**
 * Hands a file from the core (the `my data` export) to the person who asked, and only to them:
 * uploaded with `files.uploadV2` (`files.getUploadURLExternal`, the upload, then
 * `files.completeUploadExternal`) into their direct messages with the app, whatever channel they
 * asked in. The answer then says where it went, or that it could not be sent; it never carries the
 * file itself, so nothing of it reaches a channel.
 */
export async function sendFile(client: WebClient, response: BotResponse, user: string, t: Translate, logger: Logger): Promise<BotResponse> {
  const { file, ...rest } = response;
  if (!file) return response;
  let outcome: View;
  try {
    const opened = await client.conversations.open({ users: user });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    await client.filesUploadV2({
      channel_id: channel,
      file: Buffer.from(file.content, 'utf8'),
      filename: file.name,
      title: file.title,
    });
    outcome = { kind: 'notice', tone: 'success', text: t('slack:file_sent') };
  } catch (err) {
    logger.error({ err, user }, 'slack: could not upload a file to the user');
    outcome = { kind: 'error', code: 'file.not_sent', text: t('slack:file_failed'), hint: t('slack:file_failed_hint') };
  }
  return { ...rest, views: [...rest.views, outcome] };
}
