/**
 * `npm run emails:preview`: writes every email template, rendered from sample data in French and
 * English with the configured branding (BRAND_*), to .data/email-previews/<id>.<lang>.html and
 * .txt, plus an index.html. The same gallery is served live at <mailbox>/previews by `npm run up`.
 */
import '../config/node-version'; // first: stops at once on an unsupported Node.js
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/env';
import { emailGallery, GALLERY_LANGS } from '../activities/templates/gallery';
import { escapeHtml } from '../domain/html';

function main(): void {
  const brand = loadConfig(process.env, 'tool').journey.brand;
  const dir = path.resolve(process.argv[2] ?? path.join('.data', 'email-previews'));
  mkdirSync(dir, { recursive: true });
  const links: string[] = [];
  for (const entry of emailGallery()) {
    for (const lang of GALLERY_LANGS) {
      const email = entry.render(lang, brand);
      const base = `${entry.id}.${lang}`;
      writeFileSync(path.join(dir, `${base}.html`), email.html);
      writeFileSync(path.join(dir, `${base}.txt`), `Subject: ${email.subject}\n\n${email.text}\n`);
      if (email.icalEvent) writeFileSync(path.join(dir, `${base}.ics`), email.icalEvent.content);
      links.push(
        `<li><a href="${base}.html">${escapeHtml(entry.label)} (${lang})</a> — <a href="${base}.txt">text</a></li>`,
      );
    }
  }
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Email previews</title><h1>Email previews</h1><ul>${links.join('')}</ul></html>`,
  );
  console.log(`${links.length} previews written to ${dir} (open index.html)`);
}

main();
