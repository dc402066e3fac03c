import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';

/** Messages from one workflow to many others, that must reach every one still running. */
export function signalActivities() {
  return {
    /**
     * Sends `signal` with `arg` to each workflow of `workflowIds` in turn; one that has finished meanwhile needs
     * nothing. Progress is heartbeated, so that a retry resumes after the last workflow told and tells none twice.
     */
    async signalEach(input: { workflowIds: string[]; signal: string; arg: unknown }): Promise<{ told: number; finished: number }> {
      const context = Context.current();
      const progress = (context.info.heartbeatDetails as { next: number; told: number; finished: number } | undefined) ?? { next: 0, told: 0, finished: 0 };
      for (; progress.next < input.workflowIds.length; progress.next += 1) {
        try {
          await context.client.workflow.getHandle(input.workflowIds[progress.next]).signal(input.signal, input.arg);
          progress.told += 1;
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          progress.finished += 1;
        }
        context.heartbeat({ ...progress, next: progress.next + 1 });
      }
      return { told: progress.told, finished: progress.finished };
    },
  };
}
