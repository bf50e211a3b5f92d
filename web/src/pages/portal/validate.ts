// Limits the server enforces (internal/helpdesk/ticket.go), checked here
// first so people get their message before sending.
export const maxSubjectLength = 250;
export const maxBodyLength = 64 * 1024;

export interface TicketInput {
  subject: string;
  body: string;
}

// validateTicket returns a message per invalid field; {} when the input
// may be sent.
export function validateTicket(input: TicketInput): Partial<Record<keyof TicketInput, string>> {
  const errors: Partial<Record<keyof TicketInput, string>> = {};
  const subject = input.subject.trim();
  if (subject === '') errors.subject = 'Enter a subject: a short summary of what you need.';
  else if ([...subject].length > maxSubjectLength)
    errors.subject = `Keep the subject to ${maxSubjectLength} characters (it has ${[...subject].length}).`;
  const body = validateBody(input.body, 'Describe what you need, so we can help.');
  if (body) errors.body = body;
  return errors;
}

// validateBody checks a description or reply.
export function validateBody(body: string, emptyMessage: string): string | undefined {
  if (body.trim() === '') return emptyMessage;
  const n = [...body].length;
  if (n > maxBodyLength) return `This is too long: ${n} characters, the limit is ${maxBodyLength}.`;
  return undefined;
}

// relabel makes a server field message use the form's label for the field,
// e.g. "Body is required." -> "Description is required.".
export function relabel(message: string | undefined, from: string, to: string): string | undefined {
  if (!message) return message;
  return message.startsWith(`${from} `) ? `${to}${message.slice(from.length)}` : message;
}
