/**
 * The stand-alone tokenizers shipped with a section classifier's model.onnx and vocab.json
 * ("kiln.sections-vocab"): a posting's text → its sections (the studio's split rule) → token ids,
 * plus the confidence floor. They must give exactly the ids encodeSectionsBatch gives and the
 * sections splitSections gives (sections-service-tokenizer.test.ts runs both), and are kept as
 * source text so the export bundle writes them out unchanged.
 */

export const SECTIONS_TOKENIZER_FILES = { mjs: 'sections-tokenizer.mjs', py: 'sections_tokenizer.py' } as const;

// String.raw keeps the backslashes of the regular expressions; the sources hold no backtick or ${.
export const SECTIONS_TOKENIZER_MJS = String.raw`/**
 * Kiln section-classifier tokenizer for vocab.json ("kiln.sections-vocab", version 1). Plain ES
 * module, no dependencies; Node >= 18 and current browsers.
 *
 * split(text): a posting -> its sections. A section ends at a blank line; a heading line starts a
 *   new one and stays with the lines under it. A heading is at most 60 characters, not a bullet
 *   ("- ", "* ", "• ", "· ", "– "), and is a Markdown heading ("# ..."), ends with ":", or has a
 *   letter and no lowercase letter. Lines are trimmed; sections without a letter or digit are dropped.
 * encode(text): lowercase (vocab.tokenizer.lowercase), tokens /[\p{L}\p{N}_]{2,}/gu (scikit-learn's
 *   (?u)\b\w\w+\b), stop words removed, token -> index in vocab.tokens + 1, unknown -> 0.
 * batch(texts): { data: BigInt64Array, dims: [texts, length] }, 0-padded (at least one column).
 * decide(probabilities): per row, the top label, or useWholeText when its probability is under
 *   vocab.floor or the model's held-out accuracy (vocab.held_out_accuracy) is under 0.7.
 *
 * Usage:
 *   import * as ort from 'onnxruntime-node';
 *   const tok = new SectionsTokenizer(JSON.parse(readFileSync('vocab.json', 'utf8')));
 *   const sections = tok.split(postingText);
 *   const t = tok.batch(sections);
 *   const { probabilities } = await session.run({ [tok.input]: new ort.Tensor('int64', t.data, t.dims) });
 *   const decisions = tok.decide(probabilities.data);
 */
const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

export class SectionsTokenizer {
  constructor(vocab) {
    if (vocab.format !== 'kiln.sections-vocab' || vocab.version !== 1) throw new Error('not a Kiln sections vocab.json (version 1)');
    this.input = vocab.input;
    this.lowercase = vocab.tokenizer.lowercase;
    this.stopWords = new Set(vocab.tokenizer.stop_words ?? []);
    this.ids = new Map(vocab.tokens.map((t, i) => [t, i + 1]));
    this.labels = vocab.labels;
    this.floor = vocab.floor;
    this.usable = vocab.held_out_accuracy >= 0.7;
  }

  static isHeading(line) {
    if (line.length > 60 || /^[-*•·–]\s/.test(line)) return false;
    if (/^#{1,6}\s/.test(line) || /:\s*$/.test(line)) return true;
    return /\p{L}/u.test(line) && !/\p{Ll}/u.test(line);
  }

  split(text) {
    const out = [];
    let cur = [];
    const flush = () => {
      const s = cur.join('\n').trim();
      if (/[\p{L}\p{N}]/u.test(s)) out.push(s);
      cur = [];
    };
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line) {
        flush();
        continue;
      }
      if (SectionsTokenizer.isHeading(line) && cur.length > 0) flush();
      cur.push(line);
    }
    flush();
    return out;
  }

  tokens(text) {
    const found = (this.lowercase ? text.toLowerCase() : text).match(TOKEN) ?? [];
    return found.filter((w) => !this.stopWords.has(w));
  }

  encode(text) {
    return this.tokens(text ?? '').map((w) => this.ids.get(w) ?? 0);
  }

  batch(texts) {
    const rows = texts.map((t) => this.encode(t));
    const len = rows.reduce((n, r) => Math.max(n, r.length), 1);
    const data = new BigInt64Array(texts.length * len);
    rows.forEach((r, i) => r.forEach((id, j) => (data[i * len + j] = BigInt(id))));
    return { data, dims: [texts.length, len] };
  }

  decide(probabilities) {
    const k = this.labels.length;
    const out = [];
    for (let o = 0; o < probabilities.length; o += k) {
      let best = 0;
      for (let j = 1; j < k; j++) if (probabilities[o + j] > probabilities[o + best]) best = j;
      const confidence = probabilities[o + best];
      out.push({ label: this.labels[best], confidence, useWholeText: !this.usable || !(confidence >= this.floor) });
    }
    return out;
  }
}
`;

export const SECTIONS_TOKENIZER_PY = String.raw`"""Kiln section-classifier tokenizer for vocab.json ("kiln.sections-vocab", version 1).

Python 3, standard library only. The same rules as sections-tokenizer.mjs:
 split(text): sections end at blank lines; a heading (at most 60 characters, not a bullet, and a
   Markdown heading, a line ending with ":", or one with a letter and no lowercase letter) starts a
   new section and stays with its lines; sections without a letter or digit are dropped.
 encode(text): lowercase, tokens by (?u)\b\w\w+\b, stop words removed, id = index in tokens + 1, unknown 0.
 batch(texts): rows of ids, 0-padded to one length (at least one column).
 decide(rows): per row, the top label, or use_whole_text under vocab["floor"] or when the model's
   held-out accuracy is under 0.7.

Usage with onnxruntime and numpy:
    tok = SectionsTokenizer(json.load(open("vocab.json", encoding="utf-8")))
    sections = tok.split(posting_text)
    logits, probabilities = session.run(None, {tok.input: np.array(tok.batch(sections), dtype=np.int64)})
    decisions = tok.decide(probabilities.tolist())
"""
import re

_BULLET = re.compile(r"^[-*\u2022\u00b7\u2013]\s")
_MD = re.compile(r"^#{1,6}\s")


def _has_letter(s):
    return any(c.isalpha() for c in s)


def _has_lower(s):
    # JavaScript's \p{Ll}: lowercase letters only (str.islower is also true of some other characters)
    import unicodedata
    return any(unicodedata.category(c) == "Ll" for c in s)


class SectionsTokenizer:
    def __init__(self, vocab):
        if vocab.get("format") != "kiln.sections-vocab" or vocab.get("version") != 1:
            raise ValueError("not a Kiln sections vocab.json (version 1)")
        t = vocab["tokenizer"]
        self.input = vocab["input"]
        self.lowercase = t["lowercase"]
        self.pattern = re.compile(t["token_pattern"])
        self.stop_words = frozenset(t["stop_words"] or ())
        self.ids = {w: i + 1 for i, w in enumerate(vocab["tokens"])}
        self.labels = vocab["labels"]
        self.floor = vocab["floor"]
        self.usable = vocab["held_out_accuracy"] >= 0.7

    @staticmethod
    def is_heading(line):
        if len(line) > 60 or _BULLET.match(line):
            return False
        if _MD.match(line) or re.search(r":\s*$", line):
            return True
        return _has_letter(line) and not _has_lower(line)

    def split(self, text):
        out, cur = [], []

        def flush():
            s = "\n".join(cur).strip()
            if any(c.isalnum() for c in s):
                out.append(s)
            cur.clear()

        for raw in re.split(r"\r?\n", text):
            line = raw.strip()
            if not line:
                flush()
                continue
            if self.is_heading(line) and cur:
                flush()
            cur.append(line)
        flush()
        return out

    def tokens(self, text):
        if self.lowercase:
            text = text.lower()
        return [w for w in self.pattern.findall(text) if w not in self.stop_words]

    def encode(self, text):
        return [self.ids.get(w, 0) for w in self.tokens(text or "")]

    def batch(self, texts):
        rows = [self.encode(t) for t in texts]
        n = max([1] + [len(r) for r in rows])
        return [r + [0] * (n - len(r)) for r in rows]

    def decide(self, rows):
        out = []
        for p in rows:
            best = max(range(len(p)), key=lambda j: (p[j], -j))
            out.append({"label": self.labels[best], "confidence": p[best],
                        "use_whole_text": (not self.usable) or not (p[best] >= self.floor)})
        return out
`;
