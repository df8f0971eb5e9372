/**
 * French wording of the API's field reasons (its problem+json `errors[].reason` are English). A
 * reason not listed here is shown as the API wrote it.
 */
const FR: Record<string, string> = {
  'should not be empty': 'ne doit pas être vide',
  'is required': 'est obligatoire',
  'must be an email address': 'doit être une adresse e-mail',
  'must be a date formatted YYYY-MM-DD': 'doit être une date (AAAA-MM-JJ)',
  'must be a real calendar date': 'doit être une date qui existe',
  'must not be in the past': 'ne doit pas être dans le passé',
  'must be a plan key (kebab-case)': 'doit être la clé d’un plan',
  'must be an object with sub, email and name': 'doit indiquer l’identifiant, l’e-mail et le nom',
  'is required for EXTEND (YYYY-MM-DD)': 'est obligatoire pour une prolongation (AAAA-MM-JJ)',
  'must be true': 'doit être coché',
  'must be a working day': 'doit être un jour ouvré (ni week-end ni jour férié)',
};

export function reasonText(reason: string, lang: string): string {
  if (lang !== 'fr') return reason;
  const known = FR[reason] ?? FR[reason.replace(/^\S+ /, '')];
  return known ?? reason;
}
