import { ApplicationFailure } from '@temporalio/workflow';

/** Why an update is refused: the API answers 409 with `code` and this bilingual message. */
export function refuse(code: string, message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, code);
}
