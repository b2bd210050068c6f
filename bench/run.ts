import { runDashboardBench } from './dashboard-bench';
import { runFanoutBench } from './fanout-bench';
import { runReminderBench } from './reminder-bench';
import { runScaleBench } from './scale-bench';
import { runSlackBench } from './slack-bench';
import { runTeamsBench } from './teams-bench';

/**
 * Every benchmark, one after the other on 127.0.0.1, each bounded in time; prints the tables
 * the README quotes. `BENCH_DURATION` sets the seconds per load run (default 10).
 */
async function main(): Promise<void> {
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const sections: Array<[string, () => Promise<{ markdown: string }>]> = [
    ['Slack endpoint', () => runSlackBench({ duration })],
    ['Teams endpoint', () => runTeamsBench({ duration })],
    ['Announcement fan-out', () => runFanoutBench()],
    ['Core at scale', () => runScaleBench()],
    ['Daily reminders', () => runReminderBench()],
    ['Web dashboard', () => runDashboardBench()],
  ];
  for (const [title, run] of sections) {
    process.stdout.write(`\n## ${title}\n\n${(await run()).markdown}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
