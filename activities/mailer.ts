/** nodemailer transport built from the SMTP settings (URL, or host/port/user/TLS; DKIM optional). */
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpConfig } from '../config/env';

export type Mailer = Transporter;

export function createMailer(smtp: SmtpConfig): Mailer {
  // DKIM (optional): nodemailer signs each message (relaxed/relaxed, rsa-sha256) before sending.
  const dkim = smtp.dkim ? { dkim: smtp.dkim } : {};
  if (smtp.url) return nodemailer.createTransport({ url: smtp.url, ...dkim });
  const options: SMTPTransport.Options = {
    ...dkim,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  // A pooled transport keeps a few connections open between emails (SMTP_POOL=false: one per email).
  return smtp.pool
    ? nodemailer.createTransport({ ...options, pool: true, maxConnections: 5 })
    : nodemailer.createTransport(options);
}
