/**
 * Deterministic, realistic people for the admin benchmark and the query-plan test: Brazilian first
 * names (a quarter of them compound: "Ana Paula", "Maria de Fátima") and one to three surnames,
 * some after their particle ("da Silva", "dos Santos"), each drawn by how common it is in Brazil
 * (IBGE's 2010 census, rounded: Maria is about one person in ten, Silva one surname in five), so
 * the commonest prefixes ("maria da silva", "joao silva", "ana paula") are as crowded as in a
 * national customer base; e-mails derived from the name without accents; a spread of lifecycle
 * statuses close to a migration in progress. The planner picks plans from the data, so both
 * should see the same kind of data.
 */
type Weighted = readonly (readonly [string, number])[];
/** First names with their weight and whether the compound second name is a woman's ("f") or a man's ("m"). */
const firstNames: readonly (readonly [string, number, 'f' | 'm'])[] = [
  ['Maria', 117, 'f'],
  ['José', 57, 'm'],
  ['Ana', 31, 'f'],
  ['João', 30, 'm'],
  ['Antônio', 26, 'm'],
  ['Francisco', 18, 'm'],
  ['Carlos', 15, 'm'],
  ['Paulo', 14, 'm'],
  ['Pedro', 12, 'm'],
  ['Lucas', 11, 'm'],
  ['Luiz', 11, 'm'],
  ['Marcos', 11, 'm'],
  ['Luís', 9, 'm'],
  ['Gabriel', 9, 'm'],
  ['Rafael', 8, 'm'],
  ['Francisca', 7, 'f'],
  ['Daniel', 7, 'm'],
  ['Marcelo', 7, 'm'],
  ['Bruno', 7, 'm'],
  ['Eduardo', 6, 'm'],
  ['Felipe', 6, 'm'],
  ['Raimundo', 6, 'm'],
  ['Rodrigo', 6, 'm'],
  ['Antônia', 6, 'f'],
  ['Manoel', 6, 'm'],
  ['Mateus', 6, 'm'],
  ['André', 6, 'm'],
  ['Fernando', 6, 'm'],
  ['Fábio', 5, 'm'],
  ['Leonardo', 5, 'm'],
  ['Gustavo', 5, 'm'],
  ['Guilherme', 5, 'm'],
  ['Adriana', 6, 'f'],
  ['Juliana', 6, 'f'],
  ['Márcia', 6, 'f'],
  ['Fernanda', 5, 'f'],
  ['Patrícia', 5, 'f'],
  ['Aline', 5, 'f'],
  ['Sandra', 5, 'f'],
  ['Camila', 5, 'f'],
  ['Amanda', 5, 'f'],
  ['Bruna', 5, 'f'],
  ['Jéssica', 5, 'f'],
  ['Letícia', 4, 'f'],
  ['Júlia', 4, 'f'],
  ['Luciana', 4, 'f'],
  ['Vanessa', 4, 'f'],
  ['Mariana', 4, 'f'],
  ['Gabriela', 4, 'f'],
  ['Vera', 4, 'f'],
  ['Vitória', 4, 'f'],
  ['Larissa', 4, 'f'],
  ['Cláudia', 4, 'f'],
  ['Beatriz', 4, 'f'],
  ['Luana', 3, 'f'],
  ['Rita', 3, 'f'],
  ['Sônia', 3, 'f'],
  ['Renata', 3, 'f'],
  ['Eliane', 3, 'f'],
  ['Zélia', 1, 'f'],
  ['Conceição', 1, 'f'],
  // One in 20,000: a name few share, for the search's rare case.
  ['Zed', 0.03, 'm'],
];
/** The second name of a compound first name, a woman's or a man's. */
const secondNames: Record<'f' | 'm', Weighted> = {
  f: [
    ['Aparecida', 10],
    ['Paula', 8],
    ['de Fátima', 6],
    ['das Graças', 3],
    ['Eduarda', 4],
    ['Clara', 3],
    ['Luiza', 3],
    ['Cristina', 3],
    ['Helena', 3],
    ['Lúcia', 3],
    ['José', 3],
    ['Júlia', 2],
    ['Fernanda', 2],
  ],
  m: [
    ['Carlos', 8],
    ['Pedro', 6],
    ['Paulo', 5],
    ['Henrique', 4],
    ['Antônio', 4],
    ['Vitor', 3],
    ['Gabriel', 2],
    ['Eduardo', 2],
    ['Lucas', 2],
    ['Miguel', 2],
  ],
};
const lastNames: Weighted = [
  ['Silva', 20],
  ['Santos', 12],
  ['Oliveira', 8],
  ['Souza', 7],
  ['Rodrigues', 5],
  ['Ferreira', 5],
  ['Alves', 5],
  ['Pereira', 4],
  ['Lima', 4],
  ['Gomes', 4],
  ['Costa', 3.5],
  ['Ribeiro', 3.5],
  ['Martins', 3],
  ['Carvalho', 3],
  ['Almeida', 2.5],
  ['Lopes', 2.5],
  ['Soares', 2],
  ['Fernandes', 2],
  ['Vieira', 2],
  ['Barbosa', 2],
  ['Rocha', 2],
  ['Dias', 2],
  ['Nascimento', 2],
  ['Andrade', 1.5],
  ['Moreira', 1.5],
  ['Nunes', 1.5],
  ['Marques', 1.5],
  ['Machado', 1.5],
  ['Mendes', 1.2],
  ['Freitas', 1.2],
  ['Cardoso', 1.2],
  ['Ramos', 1.2],
  ['Gonçalves', 1.2],
  ['Santana', 1],
  ['Teixeira', 1],
  ['Araújo', 1],
  ['Conceição', 1],
  ['Prado', 0.5],
  ['Brandão', 0.5],
  ['Magalhães', 0.5],
  ['Simões', 0.5],
  ['Guimarães', 0.5],
];
/** The particle some surnames often follow ("Maria da Silva"); two in five of them do here. */
const particles: Record<string, string> = {
  Silva: 'da',
  Santos: 'dos',
  Oliveira: 'de',
  Souza: 'de',
  Costa: 'da',
  Almeida: 'de',
  Lima: 'de',
  Carvalho: 'de',
  Rocha: 'da',
  Conceição: 'da',
  Freitas: 'de',
  Andrade: 'de',
};
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

/** One of `list`, each as likely as its weight, chosen by `roll` in [0, 1). */
function weighted<T extends readonly [string, number, ...unknown[]]>(list: readonly T[]): (roll: number) => T {
  const total = list.reduce((sum, entry) => sum + entry[1], 0);
  return (roll) => {
    let left = roll * total;
    for (const entry of list) {
      if (left < entry[1]) return entry;
      left -= entry[1];
    }
    return list.at(-1)!;
  };
}
const pickFirst = weighted(firstNames);
const pickSecond = { f: weighted(secondNames.f), m: weighted(secondNames.m) };
const pickLast = weighted(lastNames);

const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Person number `index` (0-based): name, a unique e-mail, role and the status to give them. */
export function person(index: number) {
  const next = random(index + 1);
  const [first, , gender] = pickFirst(next());
  const second = next() < 0.25 ? [pickSecond[gender](next())[0]] : [];
  const many = next();
  const surnames = Array.from({ length: many < 0.35 ? 1 : many < 0.9 ? 2 : 3 }, () => {
    const [surname] = pickLast(next());
    return particles[surname] && next() < 0.4 ? `${particles[surname]} ${surname}` : surname;
  });
  const name = [first, ...second, ...surnames].join(' ');
  const email = `${ascii(first)}.${ascii(surnames.at(-1)!.split(' ').at(-1)!)}${index}@example.com.br`;
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
