import type { PlainFailure } from '../lib/plain-failure.js';

// A failure where the user acted: the plain sentence, announced as it appears, and the
// technical text (what the service answered) one disclosure away for whoever wants it.

export function FailureNotice({
  failure,
  testId,
}: {
  failure: PlainFailure | null;
  testId?: string;
}) {
  if (!failure) return null;
  return (
    <div class="failure" data-testid={testId}>
      <p class="problem" role="alert">
        {failure.text}
      </p>
      {failure.details ? (
        <details class="failure-details">
          <summary>Details</summary>
          <pre>{failure.details}</pre>
        </details>
      ) : null}
    </div>
  );
}
