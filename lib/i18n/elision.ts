/**
 * French elides "de" and "que" before a word that starts with a vowel sound:
 * "d'Exchange", "d'Office", "le menu d'Élodie", but "de SQL Server",
 * "de Windows". A message with a name after "de" chooses with an ICU select on
 * this value: `{elision, select, yes {d''} other {de }}{product}`.
 */
export type Elision = 'yes' | 'no';

/** Words starting with a mute h that French elides before (names and common words of the catalogue). */
const MUTE_H = /^h(?:é|e(?:ure|rbe|rvé)|ô|o(?:mme|nneur|raire|spital)|u(?:b|go|m|il)|i(?:st|ver))/i;

export function elision(word: string | null | undefined): Elision {
  const text = (word ?? '').trimStart();
  if (/^[aàâäeéèêëiîïoôöuùûüœæ]/i.test(text)) return 'yes';
  // "y" sounds like a vowel before a consonant (Yvelines), not before a vowel (Yammer).
  if (/^y[^aeiouy]/i.test(text)) return 'yes';
  return MUTE_H.test(text) ? 'yes' : 'no';
}
