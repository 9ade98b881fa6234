/**
 * Deterministic, realistic people for the admin benchmark and the query-plan test: Brazilian first
 * and last names (many with accents), one or two surnames, e-mails derived from the name without
 * accents, and a spread of lifecycle statuses close to a migration in progress. The planner picks
 * plans from the data, so both should see the same kind of data.
 */
const firstNames = [
  'Ana',
  'João',
  'Maria',
  'José',
  'Antônio',
  'Francisco',
  'Carlos',
  'Paulo',
  'Pedro',
  'Lucas',
  'Luiz',
  'Marcos',
  'Luís',
  'Gabriel',
  'Rafael',
  'Daniel',
  'Marcelo',
  'Bruno',
  'Eduardo',
  'Felipe',
  'Raimundo',
  'Rodrigo',
  'Manoel',
  'Mateus',
  'André',
  'Fernando',
  'Fábio',
  'Leonardo',
  'Gustavo',
  'Guilherme',
  'Francisca',
  'Antônia',
  'Adriana',
  'Juliana',
  'Márcia',
  'Fernanda',
  'Patrícia',
  'Aline',
  'Sandra',
  'Camila',
  'Amanda',
  'Bruna',
  'Jéssica',
  'Letícia',
  'Júlia',
  'Luciana',
  'Vanessa',
  'Mariana',
  'Gabriela',
  'Vera',
  'Vitória',
  'Larissa',
  'Cláudia',
  'Beatriz',
  'Luana',
  'Rita',
  'Sônia',
  'Renata',
  'Eliane',
  'Zélia',
  'Conceição',
  'Zed',
];
const lastNames = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Rodrigues',
  'Ferreira',
  'Alves',
  'Pereira',
  'Lima',
  'Gomes',
  'Costa',
  'Ribeiro',
  'Martins',
  'Carvalho',
  'Almeida',
  'Lopes',
  'Soares',
  'Fernandes',
  'Vieira',
  'Barbosa',
  'Rocha',
  'Dias',
  'Nascimento',
  'Andrade',
  'Moreira',
  'Nunes',
  'Marques',
  'Machado',
  'Mendes',
  'Freitas',
  'Cardoso',
  'Ramos',
  'Gonçalves',
  'Santana',
  'Teixeira',
  'Araújo',
  'Conceição',
  'Prado',
  'Brandão',
  'Magalhães',
  'Simões',
  'Guimarães',
];
export const officeNames = [
  'Contábil Horizonte',
  'Escritório Paulista',
  'Assessoria Ipê',
  'Contabilidade Araucária',
  'Gestão São Jorge',
  'Contas & Cia',
  'Escritório Boa Vista',
  'Balanço Certo',
  'Contabilidade Jequitibá',
  'Fiscal Mineira',
  'Escritório Aurora',
  'Contábil Itaú de Minas',
  'Assessoria Guará',
  'Contabilidade Pé de Serra',
  'Escritório Maranhão',
  'Contas do Sul',
  'Gestão Açaí',
  'Contábil Tijuca',
  'Escritório Capixaba',
  'Contabilidade Sertão',
];

/** Share of each status among the users, in thousandths; staged users have no login e-mail yet. */
export const statusShares = { staged: 350, invited: 250, registered: 40, active: 250, expired: 80, inactive: 30 } as const;
export type SeedStatus = keyof typeof statusShares;

/** A small deterministic generator (mulberry32): the same index gives the same person on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Person number `index` (0-based): name, a unique e-mail, role and the status to give them. */
export function person(index: number) {
  const next = random(index + 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const first = pick(firstNames);
  const surnames = next() < 0.6 ? [pick(lastNames), pick(lastNames)] : [pick(lastNames)];
  const name = [first, ...surnames].join(' ');
  const email = `${ascii(first)}.${ascii(surnames.at(-1)!)}${index}@example.com.br`;
  let roll = next() * 1_000;
  let status: SeedStatus = 'staged';
  for (const [candidate, share] of Object.entries(statusShares) as [SeedStatus, number][]) {
    if (roll < share) {
      status = candidate;
      break;
    }
    roll -= share;
  }
  return { name, email, role: next() < 0.05 ? ('supervisor' as const) : ('member' as const), status, emailFailing: status === 'invited' && next() < 0.05 };
}
