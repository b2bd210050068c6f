export type ContentIssue = { field: string; message: string };

/**
 * A content file (playbook, message templates) that cannot be used. Start-up stops with its
 * message, which names the file and every offending field, one per line.
 */
export class ContentError extends Error {
  constructor(
    /** What the file holds, for the message: `playbook`, `message templates`. */
    what: string,
    readonly file: string,
    /** Dotted path of the first offending field, e.g. `phases.4.tasks.2.title.sv`; `(root)` for the whole file. */
    readonly field: string,
    message: string,
    /** Every problem found. */
    readonly issues: ReadonlyArray<ContentIssue> = [{ field, message }],
  ) {
    super(`Invalid ${what} ${file}: ${issues.map((i) => `${i.field}: ${i.message}`).join('\n')}`);
  }
}
