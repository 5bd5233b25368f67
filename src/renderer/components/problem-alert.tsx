// A form's or a card's problem, announced as it appears; nothing at all when there is none.

export function ProblemAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p class="problem" role="alert">
      {message}
    </p>
  );
}
