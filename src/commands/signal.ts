/**
 * The run's abort signal: src/cli.ts aborts it on Ctrl-C or SIGTERM, and every command hands it to
 * its run context, so waits and long reads stop at the next step.
 */
let current: AbortSignal | undefined;

export function setRunSignal(signal: AbortSignal): void {
  current = signal;
}

export function runSignal(): AbortSignal | undefined {
  return current;
}
