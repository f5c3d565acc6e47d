/**
 * "Vouliez-vous dire : …?": the names closest to a query that found nothing,
 * by edit distance between folded words (a letter missing, doubled or
 * swapped). Pure: the caller gives the candidates (a bounded list of the
 * viewer's own names), so the work never grows past that bound.
 */
import { searchTerms } from './normalize';

/** Edit distance counting a letter missing, added, changed or two letters swapped as one edit; stops early once past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let cost = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2]! + 1);
      current[j] = cost;
      best = Math.min(best, cost);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** How many edits a typed word may be from a word of a name: one for a short word, one more every five letters. */
const allowance = (term: string) => (term.length <= 3 ? 0 : 1 + Math.floor((term.length - 4) / 5));

/**
 * The names (at most `limit`) in which every word typed is close to a word
 * (or to the start of a word, for a word typed partly), nearest first; none
 * when nothing is close enough to be worth saying.
 */
export function closestNames(query: string, names: readonly string[], limit = 3): string[] {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(names)) {
    const words = searchTerms(name);
    let score = 0;
    for (const term of terms) {
      const max = allowance(term);
      const distance = Math.min(...words.map((word) => Math.min(editDistance(term, word, max), editDistance(term, word.slice(0, term.length), max))));
      if (distance > max) {
        score = Infinity;
        break;
      }
      score += distance;
    }
    if (score < Infinity) scored.push({ name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((entry) => entry.name);
}
