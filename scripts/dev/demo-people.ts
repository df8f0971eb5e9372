/**
 * The people of the embedded identity provider's sign-in page. Subjects and emails match the demo
 * data: the tech lead `tl-akossiwa` leads the banner's example run, and the hire is matched to that
 * run by email (kodjo.mensah@example.tg), as a real hire would be.
 */
export interface DemoPerson {
  sub: string;
  name: string;
  email: string;
  locale: 'fr' | 'en';
  roles: string[];
  /** What the sign-in page says about the person (French first). */
  description: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    sub: 'hr-demo',
    name: 'Afi Dossou',
    email: 'afi.dossou@example.tg',
    locale: 'fr',
    roles: ['HR'],
    description: 'Ressources humaines (RH)',
  },
  {
    sub: 'tl-akossiwa',
    name: 'Akossiwa Lawson',
    email: 'akossiwa.lawson@example.tg',
    locale: 'fr',
    roles: ['TECH_LEAD'],
    description: 'Responsable technique (tech lead)',
  },
  {
    sub: 'tl-yao',
    name: 'Yao Agbeko',
    email: 'yao.agbeko@example.tg',
    locale: 'fr',
    roles: ['TECH_LEAD'],
    description: 'Responsable technique (tech lead)',
  },
  {
    sub: 'hire-kodjo',
    name: 'Kodjo Mensah',
    email: 'kodjo.mensah@example.tg',
    locale: 'fr',
    roles: ['HIRE'],
    description: 'Nouvelle recrue (son parcours est retrouvé par son adresse e-mail)',
  },
  {
    sub: 'hire-essi',
    name: 'Essi Folly',
    email: 'essi.folly@example.tg',
    locale: 'en',
    roles: ['HIRE'],
    description: 'Nouvelle recrue, anglophone (son parcours est retrouvé par son adresse e-mail)',
  },
  {
    sub: 'it-demo',
    name: 'Kossi Amegah',
    email: 'kossi.amegah@example.tg',
    locale: 'fr',
    roles: ['IT'],
    description: 'Informatique / DevOps',
  },
  {
    sub: 'head-df',
    name: 'Ama Kpodar',
    email: 'ama.kpodar@example.tg',
    locale: 'fr',
    roles: ['HEAD_OF_DF'],
    description: 'Direction de la Digital Factory',
  },
  {
    sub: 'guest-demo',
    name: 'Invité sans rôle',
    email: 'invite@example.tg',
    locale: 'fr',
    roles: [],
    description: 'Connecté, sans aucun rôle : ne voit rien de réservé',
  },
];
