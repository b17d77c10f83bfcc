/** A word of a slash command, and whether it was quoted (a quoted `--x` is text, not a flag). */
export interface Token {
  text: string;
  quoted: boolean;
}

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; error: string };

/** Opening quote → the quotes that may close it. Slack clients often send typographic quotes. */
const CLOSERS: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\u201c': '\u201d\u201c"', // “ closes with ” (or a stray “ / ")
  '\u201d': '\u201d\u201c"',
  '\u2018': "\u2019\u2018'", // ‘ closes with ’
  '\u201e': '\u201c\u201d"', // „ (German) closes with “ or ”
  '\u00ab': '\u00bb', // « »
};

/** Slack escapes &, < and > in a command's text. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Splits a command's text into words: whitespace separates them, a quoted string (straight or
 * typographic quotes) is one word, `--to=x` stays one word for the parser. An em or en dash at the
 * start of a word (`—to`, what macOS makes of `--to`) is read as `--`.
 */
export function tokenizeCommand(input: string): TokenizeResult {
  const text = unescapeSlack(input);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const closers = CLOSERS[ch];
    // An apostrophe inside a word (don't) is not a quote: quotes open only at a word's start.
    if (closers !== undefined) {
      const end = closingQuote(text, i + 1, closers);
      if (end < 0) {
        return {
          ok: false,
          error: `the quote ${ch} at "${text.slice(i, i + 20)}" is never closed; close it or leave the quotes out`,
        };
      }
      tokens.push({ text: text.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    let end = i;
    let word = '';
    // Whether the word so far ends in `=`, kept aside: asking the growing string itself would
    // copy it on every character, and a long word would take seconds.
    let afterEquals = false;
    while (end < text.length && !/\s/.test(text[end] ?? '')) {
      const c = text[end] ?? '';
      // `--reason="two words"`: a quote after `=` quotes the value.
      if (afterEquals && CLOSERS[c] !== undefined) {
        const close = closingQuote(text, end + 1, CLOSERS[c] ?? '');
        if (close < 0) {
          return { ok: false, error: `the quote ${c} after "${word}" is never closed; close it` };
        }
        const value = text.slice(end + 1, close);
        word += value;
        afterEquals = value.endsWith('=');
        end = close + 1;
        continue;
      }
      word += c;
      afterEquals = c === '=';
      end += 1;
    }
    tokens.push({ text: word.replace(/^[\u2014\u2013]/, '--'), quoted: false });
    i = end;
  }
  return { ok: true, tokens };
}

/**
 * Where a quoted string ends: a closing quote followed by whitespace or the end, so apostrophes
 * inside (“don’t”, 'it's') stay in the text; failing that, the first closing quote; -1 if none.
 */
function closingQuote(text: string, from: number, closers: string): number {
  let first = -1;
  for (let i = from; i < text.length; i++) {
    if (!closers.includes(text[i] ?? '')) continue;
    if (first < 0) first = i;
    if (i + 1 >= text.length || /\s/.test(text[i + 1] ?? '')) return i;
  }
  return first;
}
