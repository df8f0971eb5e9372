/**
 * An in-process SMTP server (smtp-server) that receives what nodemailer sends. Development uses it
 * as the mailbox (each message also saved as a .eml file); tests assert on the parsed messages.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: number;
  receivedAt: Date;
  envelopeTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface MailCatcherOptions {
  host?: string;
  port?: number;
  /** When set, every message is also written there as <n>.eml. */
  saveDir?: string;
}

export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  private readonly events = new EventEmitter();
  private readonly server: SMTPServer;
  private port = 0;

  constructor(private readonly options: MailCatcherOptions = {}) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          this.store(raw, envelopeTo).then(() => callback(), callback);
        });
      },
    });
    this.events.setMaxListeners(1000);
    // A client that drops its connection (a worker killed with -9) emits ECONNRESET here; without
    // a listener that error would crash the process that hosts the catcher.
    this.server.on('error', () => undefined);
  }

  get address(): { host: string; port: number } {
    return { host: this.options.host ?? '127.0.0.1', port: this.port };
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this.port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the first message (already received or yet to come) matching the predicate. */
  waitFor(predicate: (m: CaughtMail) => boolean): Promise<CaughtMail> {
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const onMail = (m: CaughtMail) => {
        if (!predicate(m)) return;
        this.events.off('mail', onMail);
        resolve(m);
      };
      this.events.on('mail', onMail);
    });
  }

  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  }

  private async store(raw: Buffer, envelopeTo: string[]): Promise<void> {
    const parsed = await simpleParser(raw);
    const mail: CaughtMail = {
      id: this.messages.length + 1,
      receivedAt: new Date(),
      envelopeTo: envelopeTo.map((a) => a.toLowerCase()),
      raw,
      parsed,
    };
    this.messages.push(mail);
    if (this.options.saveDir) {
      mkdirSync(this.options.saveDir, { recursive: true });
      writeFileSync(
        path.join(this.options.saveDir, `${String(mail.id).padStart(5, '0')}.eml`),
        raw,
      );
    }
    this.events.emit('mail', mail);
  }
}
