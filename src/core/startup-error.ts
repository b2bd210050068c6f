/**
 * A problem the operator fixes before the bot can start: a wrong setting, an unusable database
 * file. Its message says what is wrong and what to do; start-up prints it without a stack trace.
 */
export class StartupError extends Error {}
