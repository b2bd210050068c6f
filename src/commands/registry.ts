import { LOCALES } from '../core/locale';
import { announce } from './announce';
import { assign } from './assign';
import { channel } from './channel';
import { channels } from './channels';
import { dashboard } from './dashboard';
import { deviation } from './deviation';
import { due } from './due';
import { golive } from './golive';
import { set } from './set';
import type { CommandDef } from './context';
import { done } from './done';
import { forget } from './forget';
import { exportCommand } from './export';
import { helpCommand } from './help';
import { init } from './init';
import { lang } from './lang';
import { log } from './log';
import { myData } from './my-data';
import { next } from './next';
import { option } from './option';
import { phase } from './phase';
import { plan } from './plan';
import { remind } from './remind';
import { role } from './role';
import { roles } from './roles';
import { skip } from './skip';
import { snooze } from './snooze';
import { status } from './status';
import { undo } from './undo';
import { use } from './use';

/** Every command, in the order help lists them. */
export const COMMANDS: readonly CommandDef[] = [
  helpCommand(() => COMMANDS),
  init,
  use,
  status,
  next,
  done,
  undo,
  skip,
  assign,
  due,
  snooze,
  remind,
  role,
  roles,
  phase,
  plan,
  option,
  channel,
  channels,
  set,
  announce,
  deviation,
  golive,
  lang,
  log,
  myData,
  forget,
  dashboard,
  exportCommand,
];

/** Every alias in every language, lower case, to its command. */
export const COMMAND_WORDS: ReadonlyMap<string, CommandDef> = buildWordMap(COMMANDS);

function buildWordMap(commands: readonly CommandDef[]): Map<string, CommandDef> {
  const words = new Map<string, CommandDef>();
  for (const command of commands) {
    for (const locale of LOCALES) {
      for (const alias of command.aliases[locale]) {
        const owner = words.get(alias);
        if (owner && owner !== command) throw new Error(`Command word "${alias}" belongs to both ${owner.name} and ${command.name}`);
        words.set(alias, command);
      }
    }
  }
  return words;
}
