/**
 * One random edit of a word, as a reader's slip: insert, delete, substitute, or swap two
 * neighbours. For the property tests of spelling tolerance; `next` is a seeded random number
 * generator (bench/synthetic.ts's `random`), so a failure can be replayed.
 */
export function randomEdit(word: string, next: () => number): string {
  const at = Math.floor(next() * (word.length + 1));
  const letter = "abcdefghijklmnopqrstuvwxyzéö"[Math.floor(next() * 28)]!;
  switch (Math.floor(next() * 4)) {
    case 0:
      return word.slice(0, at) + letter + word.slice(at);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + letter + word.slice(at + 1);
    default:
      return at + 1 < word.length ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word;
  }
}
