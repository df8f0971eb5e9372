/**
 * Offline machines cannot download Prisma's native schema engine. `prisma generate` only checks
 * that PRISMA_SCHEMA_ENGINE_BINARY names an existing file, so prisma.config.ts points it at a
 * placeholder for the commands that never run the engine. Every other command (`migrate status`,
 * `migrate deploy`, `db pull`…) keeps Prisma's own engine resolution: it works wherever the
 * engine is installed or downloadable, and offline it fails saying so instead of trying to run
 * a JSON file (docs/database.md, "Prisma commands").
 */
const WITHOUT_ENGINE = new Set(['generate', 'validate', 'format', 'version', '-v', '--version']);

/** The placeholder to set for this command line, or undefined to leave Prisma's choice. */
export function enginePlaceholder(
  argv: readonly string[],
  placeholder: string,
): string | undefined {
  const command = argv.slice(2).find((a) => !a.startsWith('--') || a === '--version');
  return command !== undefined && WITHOUT_ENGINE.has(command) ? placeholder : undefined;
}
