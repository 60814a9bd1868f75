/**
 * The synonyms this text's subject really has, for query expansion. Keys and values are folded
 * words; a value is added to the query at a lower weight, never instead of the reader's word.
 * Kept small on purpose: broad thesaurus expansion (WordNet) made answers worse. The study notes
 * in corpus/ carry most of the paraphrase vocabulary; this list covers what a reader may type
 * for the text's people, places and terms.
 */
const GROUPS: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  [["koba", "dzhugashvili", "djugashvili", "stalins"], ["stalin"]],
  [
    ["gulag", "gulags"],
    ["labour", "camps", "camp", "prisoners"],
  ],
  [
    ["ussr", "soviets", "russia", "russian", "russians"],
    ["soviet", "union"],
  ],
  [
    ["bolshevik", "bolsheviks", "bolshevism"],
    ["lenin", "trotsky", "revolution"],
  ],
  [["trotskyite", "trotskyites"], ["trotskyists"]],
  [
    ["trotskyist", "trotskyists", "trotskyism"],
    ["trotskyites", "trotsky"],
  ],
  [
    ["dad", "daddy", "father", "parent"],
    ["father", "kingsley"],
  ],
  [
    ["kill", "killed", "killing", "killings", "slaughter", "slaughtered", "massacre", "massacred", "liquidated"],
    ["murdered", "executed", "exterminated"],
  ],
  [
    ["die", "died", "dying", "dead", "death", "deaths"],
    // Only the text's words for dying: being killed or assassinated is another question ("how did Stalin die?").
    ["died", "deaths"],
  ],
  [
    ["farm", "farms", "farmer", "farmers", "farming", "agriculture", "agricultural", "rural", "kulak", "kulaks"],
    ["peasants", "peasantry", "collectivisation"],
  ],
  [
    ["spy", "spies", "espionage", "agent", "intelligence"],
    ["spy", "espionage"],
  ],
  [
    ["purge", "purges", "terror"],
    ["purge", "trials", "terror"],
  ],
  [["famine", "famines", "starvation", "starve", "starved", "hunger"], ["famines"]],
  [
    ["nazi", "nazis", "hitler"],
    ["fascism", "nazi"],
  ],
  [["fascist", "fascists"], ["fascism"]],
  [
    ["proletariat", "proletarian", "workers", "worker"],
    ["working", "class"],
  ],
  [
    ["uprising", "uprisings", "revolt", "revolts", "rebellion", "insurrection", "insurrections"],
    ["revolution", "revolutions"],
  ],
  [
    ["murderer", "killer", "butcher", "tyrant", "dictator", "despot"],
    ["murderer", "dictator", "megalomaniac"],
  ],
  [
    ["bureaucrats", "bureaucrat", "officials", "apparatchiks", "nomenklatura", "elite"],
    ["bureaucracy", "bureaucrats", "officials"],
  ],
  [
    ["assassinated", "assassination", "assassin", "icepick", "ice"],
    ["assassination", "ice", "axe"],
  ],
  [
    ["newspaper", "newspapers", "press", "media"],
    ["press", "newspapers", "guardian"],
  ],
  [
    ["siberia", "siberian", "arctic"],
    ["siberia", "arctic", "vorkuta"],
  ],
  [
    ["trial", "trials", "confessions", "confess", "confessed"],
    ["show", "trials", "confessing"],
  ],
  [
    ["hitch", "hitchens"],
    ["hitchens", "christopher"],
  ],
];

const EXPANSIONS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [words, related] of GROUPS) {
    for (const word of words) {
      const list = map.get(word) ?? [];
      for (const r of related) if (r !== word && !list.includes(r)) list.push(r);
      map.set(word, list);
    }
  }
  return map;
})();

/** Related words for a folded query word (empty when it has none). */
export function relatedWords(word: string): readonly string[] {
  return EXPANSIONS.get(word) ?? [];
}
