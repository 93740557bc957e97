// Writes the transformers.js model folder: config.json, tokenizer.json (WordPiece) and tokenizer_config.json.

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
export const SPECIAL_ROWS = SPECIAL.length;

/**
 * A WordPiece vocabulary where a piece and its `##` continuation share one id, so Chinese words, single
 * characters and English words all match greedily wherever they occur inside a pre-token.
 * `pieces[i]` gets id `SPECIAL_ROWS + i`; `aliases` map extra pieces (e.g. unseen Han characters) to an id.
 */
export function tokenizerJson(pieces: string[], aliases: Map<string, number>): object {
  const vocab: Record<string, number> = {};
  SPECIAL.forEach((t, i) => (vocab[t] = i));
  const put = (piece: string, id: number) => {
    vocab[piece] ??= id;
    vocab[`##${piece}`] ??= id;
  };
  pieces.forEach((p, i) => put(p, SPECIAL_ROWS + i));
  for (const [p, id] of aliases) put(p, id);
  const special = (token: string) => ({ SpecialToken: { id: token, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    // handle_chinese_chars is off so Chinese words stay whole for WordPiece's longest match (a forward
    // maximum-matching segmenter) instead of being split into single characters.
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: false, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    // Chinese clauses between punctuation are single pre-tokens; the default limit of 100 characters would
    // turn a long clause into one [UNK].
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 10000, vocab },
  };
}

export function configJson(rows: number, dims: number, fingerprint: string): object {
  return {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: dims,
    vocab_size: rows,
    max_position_embeddings: 512,
    interview_tutor: { kind: 'static-embedding', fingerprint },
  };
}

export const TOKENIZER_CONFIG = {
  tokenizer_class: 'BertTokenizer',
  do_lower_case: true,
  model_max_length: 512,
  cls_token: '[CLS]',
  sep_token: '[SEP]',
  unk_token: '[UNK]',
  pad_token: '[PAD]',
  mask_token: '[MASK]',
};
