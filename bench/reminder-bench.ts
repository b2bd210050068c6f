import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { queueDailyReminders } from '../src/comms/daily-reminders';
import { createCore } from '../src/compose';
import { addWorkingDays } from '../src/domain/working-days';
import { SqliteRolloutStore } from '../src/store/sqlite-rollout-store';

/**
 * The daily reminder run over 10,000 rollouts of the shipped playbook's 73 tasks (the go-live
 * date unset, so only the tasks' own dates count), with a share of the tasks given a due date
 * spread over the next 200 days: its time and memory, and how it grows with the number of tasks
 * due, not with all tasks. The run queues one outbox entry per person with something due.
 */

interface Result {
  share: number;
  dueTasks: number;
  reminded: number;
  ms: number;
  rssMb: number;
}

async function measure(rollouts: number, share: number): Promise<Result> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reminder-bench-'));
  try {
    // Tuesday 16 March 2027, 09:00 in Helsinki.
    const now = new Date('2027-03-16T07:00:00Z');
    const bot = createCore({ databaseUrl: path.join(dir, 'rollout.db'), defaultLocale: 'fi' });
    bot.deps.clock = { now: () => now };
    const store = bot.deps.store as SqliteRolloutStore;
    const db = store.database;
    db.pragma('synchronous = OFF');
    const playbook = [...bot.deps.playbooks.values()][0];
    const leaves = playbook.tasks.filter((t) => t.childKeys.length === 0);
    const meta = { actor: 'bench', platform: 'system' as const, at: now.toISOString() };
    const insertMember = db.prepare('INSERT INTO members (rollout_id, role, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    const insertTask = db.prepare("INSERT INTO tasks (rollout_id, task_key, status, due) VALUES (?, ?, 'open', ?)");
    let dueTasks = 0;
    let seed = 1;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < rollouts; i++) {
      const created = await store.createRollout({ workspace: 'slack:TBENCH', name: `Rollout ${i}`, playbookId: playbook.id, phase: playbook.phases[0].key, locale: 'fi', lead: `slack:ULEAD${i % 500}`, channel: `slack:C${i}` }, meta);
      if (!created.ok) throw new Error('createRollout failed');
      const id = created.rollout.id;
      db.transaction(() => {
        for (const role of playbook.roles) insertMember.run(id, role.key, `slack:U${role.key}${i % 700}`);
        for (const task of playbook.tasks) {
          if (random() >= share) continue;
          const due = addWorkingDays('2027-03-16', 1 + Math.floor(random() * 140));
          insertTask.run(id, task.key, due);
          if (leaves.includes(task)) dueTasks += 1;
        }
      })();
    }
    db.pragma('synchronous = FULL');
    global.gc?.();
    const started = process.hrtime.bigint();
    const reminded = await queueDailyReminders(bot.deps, ['slack']);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const rssMb = Math.round(process.memoryUsage().rss / 1e6);
    await store.close();
    return { share, dueTasks, reminded, ms: Math.round(ms), rssMb };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runReminderBench(rollouts = Number(process.env.REMINDER_BENCH_ROLLOUTS ?? 10_000)): Promise<{ markdown: string }> {
  const rows: Result[] = [];
  for (const share of [0, 0.1, 0.5]) rows.push(await measure(rollouts, share));
  const lines = [
    `| rollouts × tasks | tasks with a due date of their own | people reminded | run ms (target < 2000) | RSS MB after |`,
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${rollouts} × 73 | ${Math.round(r.share * 100)} % (${r.dueTasks}) | ${r.reminded} people | ${r.ms} | ${r.rssMb} |`),
  ];
  return { markdown: lines.join('\n') };
}

if (require.main === module) {
  runReminderBench().then((r) => process.stdout.write(`${r.markdown}\n`), (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
