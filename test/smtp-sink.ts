import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** Resolves once `count` messages have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Resolves with the first message to `address` (or rejects after `timeoutMs`). */
  /** The first mail to `address` (whose subject matches `subject`, when given). */
  waitForMailTo(address: string, timeoutMs?: number, subject?: RegExp): Promise<ParsedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps what it receives: mail is tested end to end, not mocked.
 * `failFirst` makes it refuse that many messages first, to exercise retries.
 */
export async function startSmtpSink(options: { failFirst?: number } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let failures = options.failFirst ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (failures > 0) {
        // A temporary failure, as a busy mail server answers.
        failures -= 1;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const until = async <T>(found: () => T | undefined, timeoutMs: number, what: string): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = found();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`expected ${what}, got ${messages.length} mails`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor: (count, timeoutMs = 5000) => until(() => (messages.length >= count ? messages : undefined), timeoutMs, `${count} mails`),
    waitForMailTo: (address, timeoutMs = 5000, subject) =>
      until(
        () => messages.find((m) => [m.to ?? []].flat().some((to) => to.value.some((v) => v.address === address)) && (!subject || subject.test(m.subject ?? ''))),
        timeoutMs,
        `a mail to ${address}`,
      ),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
