/** The HTTP answer to a platform push or URL check. */
export interface WebhookAnswer {
  status: number;
  contentType: 'text/plain' | 'application/xml' | 'application/json';
  body: string;
}

export const plainAnswer = (status: number, body: string): WebhookAnswer => ({ status, contentType: 'text/plain', body });

/** A query parameter as a string ('' when missing or repeated). */
export const queryText = (value: unknown): string => (typeof value === 'string' ? value : '');
