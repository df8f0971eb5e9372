/**
 * Server-rendered pages of the embedded identity provider (French first, English below). No
 * script: every choice is a labelled button in a form, so the page works with a keyboard, a
 * screen reader and a plain HTTP client (the tests POST the form as a browser would).
 */
import { escapeHtml } from '../../domain/html';
import type { DemoPerson } from './demo-people';

const ROLE_LABELS: Record<string, string> = {
  HR: 'RH',
  TECH_LEAD: 'Tech lead',
  HIRE: 'Recrue',
  IT: 'IT',
  HEAD_OF_DF: 'Direction DF',
  ADMIN: 'Admin',
};

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
  h1 { font-size: 1.5rem; color: #0b5394; }
  ul { list-style: none; padding: 0; }
  li { margin: 0.5rem 0; }
  button { width: 100%; text-align: left; padding: 0.75rem 1rem; font-size: 1rem; border: 2px solid #0b5394;
    border-radius: 6px; background: #fff; cursor: pointer; }
  button:hover, button:focus-visible { background: #0b5394; color: #fff; outline: 3px solid #f1c232; }
  .who { display: block; font-weight: 600; }
  .what { display: block; font-size: 0.9rem; }
  .note { font-size: 0.9rem; color: #444; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** The sign-in page: one form and one button per demo person. */
export function signInPage(uid: string, people: readonly DemoPerson[], clientName: string): string {
  const items = people
    .map((p) => {
      const roles = p.roles.length
        ? p.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')
        : 'aucun rôle';
      const label = `Se connecter en tant que ${p.name}, ${roles}`;
      return `  <li>
    <form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
      <input type="hidden" name="sub" value="${escapeHtml(p.sub)}">
      <button type="submit" aria-label="${escapeHtml(label)}">
        <span class="who">${escapeHtml(p.name)} — ${escapeHtml(roles)}</span>
        <span class="what">${escapeHtml(p.description)} · ${escapeHtml(p.email)}</span>
      </button>
    </form>
  </li>`;
    })
    .join('\n');
  return page(
    'Connexion — fournisseur d’identité de démonstration',
    `<h1>Connexion à ${escapeHtml(clientName)}</h1>
<p>Fournisseur d’identité de démonstration (développement uniquement) : choisissez la personne
avec laquelle vous connecter. <span lang="en">Demo identity provider: pick who to sign in as.</span></p>
<ul aria-label="Personnes de démonstration">
${items}
</ul>
<form method="post" action="/interaction/${encodeURIComponent(uid)}/abort">
  <button type="submit">Annuler / <span lang="en">Cancel</span></button>
</form>`,
  );
}

/** RP-initiated logout: oidc-provider supplies the form (with its own anti-forgery field). */
export function logoutPage(form: string): string {
  return page(
    'Déconnexion',
    `<h1>Déconnexion</h1>
<p>Voulez-vous aussi vous déconnecter du fournisseur d’identité ?
<span lang="en">Sign out of the identity provider too?</span></p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Oui, me déconnecter / <span lang="en">Yes, sign me out</span></button>
<p><button type="submit" form="op.logoutForm">Non / <span lang="en">No</span></button></p>`,
  );
}

export function signedOutPage(): string {
  return page('Déconnecté', `<h1>Vous êtes déconnecté.</h1><p lang="en">You are signed out.</p>`);
}

export function errorPage(status: number, message: string): string {
  return page('Erreur', `<h1>Erreur ${status}</h1><p>${escapeHtml(message)}</p>`);
}
