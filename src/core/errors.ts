/**
 * Expected outcomes that a user sees as an error. Each has a stable code and a translation
 * under `errors.<code>` in every language; `params` fill the message.
 */
export const ERROR_CODES = [
  'command.unknown',
  'command.usage',
  'command.extra_word',
  'command.unknown_word',
  'input.too_long',
  'rollout.none',
  'rollout.exists',
  'rollout.ambiguous',
  'rollout.not_found',
  'task.not_found',
  'task.already_done',
  'task.already_open',
  'task.already_na',
  'task.children_open',
  'task.parent_na',
  'task.na_by_option',
  'task.has_children',
  'task.reason_required',
  'task.note_unmarked',
  'phase.not_found',
  'playbook.not_found',
  'gate.blocked',
  'gate.final',
  'role.not_found',
  'role.already',
  'role.not_member',
  'role.last_lead',
  'user.invalid',
  'person.unknown',
  'person.self',
  'option.not_found',
  'auth.forbidden',
  'auth.lead_only',
  'auth.comms_only',
  'auth.erase_forbidden',
  'channel.invalid',
  'channel.not_mapped',
  'channel.rebind_forbidden',
  'date.invalid',
  'date.past',
  'plan.golive_phase',
  'snooze.days',
  'template.not_found',
  'template.missing',
  'announce.sent',
  'announce.nothing',
  'announce.which',
  'golive.no_date',
  'golive.not_due',
  'golive.already_sent',
  'announce.not_resendable',
  'dashboard.unavailable',
  'dashboard.portfolio_leads',
  'lang.unknown',
  'action.invalid',
  'action.stale',
  'internal.error',
  'store.unavailable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface CoreError {
  code: ErrorCode;
  params?: Record<string, string | number>;
}

export function coreError(code: ErrorCode, params?: Record<string, string | number>): CoreError {
  return params ? { code, params } : { code };
}
