import {
  baseConversationId, botWasAdded, commandText, conversationKind, mentionedUsers, messageRequest, requestBase, workspaceOf,
} from '../../../adapters/teams/translate-activity';
import {
  BOT, CHANNEL, GROUP_CHAT, IIRO, LEENA, TEAM, TENANT, botAddedToTeam, channelMessage, groupChatMessage, personalMessage,
} from './support/activities';

const where = { serviceUrl: 'https://smba.trafficmanager.net/emea/' };

describe('translating Teams activities', () => {
  it('reads a personal chat message: private, tenant workspace, user and locale', () => {
    const a = personalMessage(LEENA, 'mitä seuraavaksi?', { ...where, id: '1763888400777' });
    expect(messageRequest(a)).toEqual({
      platform: 'teams',
      workspace: `teams:${TENANT}`,
      channel: `teams:${a.conversation!.id}`,
      user: `teams:${LEENA.id}`,
      userName: LEENA.name,
      locale: 'fi-FI',
      personal: true,
      requestId: '1763888400777',
      text: 'mitä seuraavaksi?',
    });
  });

  it('reads a channel message: bot mention removed, thread suffix dropped, team workspace', () => {
    const a = channelMessage(LEENA, 'next', where);
    const r = messageRequest(a)!;
    expect(r.text).toBe('next');
    expect(r.channel).toBe(`teams:${CHANNEL}`);
    expect(r.workspace).toBe(`teams:${TENANT}:${TEAM}`);
    expect(r.personal).toBeUndefined();
  });

  it('finds the team in channelData.teamsTeamId when channelData.team is missing', () => {
    const a = channelMessage(LEENA, 'status', { ...where, teamIn: 'teamsTeamId' });
    expect((a.channelData as Record<string, unknown>).team).toBeUndefined();
    expect(workspaceOf(a)).toBe(`teams:${TENANT}:${TEAM}`);
  });

  it('puts group chats, which have no team, in the tenant workspace', () => {
    const a = groupChatMessage(IIRO, 'vad är nästa steg?', where);
    expect(conversationKind(a)).toBe('groupChat');
    expect(requestBase(a)).toMatchObject({ workspace: `teams:${TENANT}`, channel: `teams:${GROUP_CHAT}`, locale: 'sv-SE' });
    expect(commandText(a)).toBe('vad är nästa steg?');
  });

  it('rewrites mentions of people to <@id> and keeps them out of the bot mention', () => {
    const a = channelMessage(LEENA, 'assign 2.1 <at>Iiro IT</at>', { ...where, mentions: [IIRO] });
    expect(commandText(a)).toBe(`assign 2.1 <@${IIRO.id}>`);
    expect(mentionedUsers(a)).toEqual([{ id: IIRO.id, name: IIRO.name }]);
  });

  it('strips a bot mention whose id lacks the 28: prefix, non-breaking spaces and stray tags', () => {
    const a = channelMessage(LEENA, 'x', where);
    a.text = `<at>${BOT.name}</at>\u00a0done&nbsp;1   looks   good `;
    a.entities = [{ type: 'mention', mentioned: { id: BOT.id.slice(3), name: BOT.name }, text: `<at>${BOT.name}</at>` }];
    expect(commandText(a)).toBe('done 1 looks good');
    a.entities = [];
    a.text = '<at>Someone</at> hello';
    expect(commandText(a)).toBe('Someone hello');
  });

  it('drops any ;messageid= suffix, whatever its case', () => {
    expect(baseConversationId(`${CHANNEL};messageid=1763888400123`)).toBe(CHANNEL);
    expect(baseConversationId(`${CHANNEL};MessageId=1`)).toBe(CHANNEL);
    expect(baseConversationId('a:1xyz')).toBe('a:1xyz');
  });

  it('ignores activities without a sender or conversation', () => {
    const a = personalMessage(LEENA, 'help', where);
    expect(requestBase({ ...a, from: undefined })).toBeUndefined();
    expect(requestBase({ ...a, conversation: undefined })).toBeUndefined();
  });

  it('tells when the bot itself was added', () => {
    const added = botAddedToTeam(where);
    expect(botWasAdded(added)).toBe(true);
    expect(botWasAdded({ ...added, membersAdded: [{ id: IIRO.id }] })).toBe(false);
    expect(conversationKind(added)).toBe('channel');
    expect(workspaceOf(added)).toBe(`teams:${TENANT}:${TEAM}`);
  });
});
