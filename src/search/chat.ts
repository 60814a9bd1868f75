/**
 * Chat-speak: how readers type on phones in Discord. Each entry is a whole word (folded, as
 * `tokenize` gives it) and what it stands for in plain English; fillers stand for nothing. No
 * maintained npm list of these exists (the ones on the registry are for numbers or street names),
 * so this is a small list with a test per entry. Normalised before any other analysis, so
 * "wat did u say abt lenin" is read as "what did you say about lenin" and no chat word is ever
 * taken for a name the review never uses.
 */
export const CHAT_SPEAK: Readonly<Record<string, string>> = {
  abt: "about",
  anyway: "",
  anyways: "",
  bro: "",
  bruh: "",
  dude: "",
  b4: "before",
  bc: "because",
  bcs: "because",
  bcoz: "because",
  btw: "",
  coz: "because",
  cuz: "because",
  da: "the",
  dat: "that",
  dis: "this",
  dunno: "",
  fr: "",
  gimme: "give me",
  gonna: "going to",
  govt: "government",
  gov: "government",
  idc: "",
  idk: "",
  iirc: "",
  imo: "",
  imho: "",
  irl: "",
  kinda: "",
  lemme: "",
  lmao: "",
  lmk: "",
  lol: "",
  nah: "",
  nope: "",
  nvm: "",
  ngl: "",
  ofc: "",
  omg: "",
  pls: "",
  plz: "",
  ppl: "people",
  prob: "probably",
  pov: "view",
  rly: "really",
  rn: "",
  smh: "",
  smth: "something",
  sth: "something",
  sorta: "",
  tbh: "",
  tho: "though",
  thx: "",
  ty: "",
  u: "you",
  ur: "your",
  w: "with",
  wanna: "want to",
  wat: "what",
  wht: "what",
  wut: "what",
  y: "why",
  ya: "you",
  yep: "",
  yup: "",
  yall: "you",
  r: "are",
  n: "and",
  bout: "about",
  abit: "a bit",
  afaik: "",
  brb: "",
  cus: "because",
  fam: "",
  fyi: "",
  hm: "",
  hmm: "",
  icl: "",
  idek: "",
  istg: "",
  jk: "",
  lowkey: "",
  q: "",
  qq: "",
  thru: "through",
  tryna: "trying to",
  uh: "",
  um: "",
  wdym: "",
  yo: "",
};

/** Each chat-speak word with the words it stands for, split once (a filler stands for none). */
const CHAT_WORDS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(CHAT_SPEAK).map(([word, plain]) => [word, plain ? plain.split(" ") : []]),
);

/** Replaces each chat-speak word of folded, tokenised words by what it stands for (fillers vanish). */
export function expandChatSpeak(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const plain = CHAT_WORDS.get(token);
    if (plain !== undefined) for (const word of plain) out.push(word);
    // A token is one word (tokenize makes them so); anything else is split as a plain phrase would be.
    else if (token.includes(" ")) out.push(...token.split(" "));
    else if (token) out.push(token);
  }
  return out;
}

/** Markers a chat message may open with before its question ("wait", "oh", "well", "honestly"). */
const OPENING_WORDS: ReadonlySet<string> = new Set(["wait", "oh", "well", "hey", "guys", "question", "honestly", "seriously"]);
/** Markers of two words: "hold on", "quick question". */
const OPENING_PAIRS: ReadonlySet<string> = new Set(["hold on", "quick question"]);
/** The reader's state of mind, said before the question: "confused,", "I'm curious", "I was wondering". */
const STATES_OF_MIND: ReadonlySet<string> = new Set(["confused", "curious", "wondering"]);
const STATE_LEADS: ReadonlySet<string> = new Set(["i", "im", "am", "was", "just", "so", "really", "kinda", "still", "a", "bit"]);

/**
 * The words of a question (folded, chat-speak read) without the markers it opens with: "wait how
 * did Stalin …", "ngl confused, was there …". Only at the start: "why did Stalin wait" keeps its
 * word. A question that is nothing but markers is left whole.
 */
export function withoutOpening(tokens: readonly string[]): readonly string[] {
  let start = 0;
  for (;;) {
    const word = tokens[start];
    if (word === undefined) break;
    if (OPENING_WORDS.has(word) || STATES_OF_MIND.has(word)) start += 1;
    else if (OPENING_PAIRS.has(`${word} ${tokens[start + 1] ?? ""}`)) start += 2;
    else {
      // "I'm so confused", "I was wondering": the lead-in words go with the state they lead to.
      let end = start;
      while (end < tokens.length && STATE_LEADS.has(tokens[end]!)) end++;
      if (end > start && STATES_OF_MIND.has(tokens[end] ?? "")) start = end + 1;
      else break;
    }
  }
  return start < tokens.length ? tokens.slice(start) : tokens;
}
