// Tells Chinese from English text, to answer in the notes' language and to add English terms for English questions.

import { cjkRatio } from '../text/normalize.js';

export type Language = 'zh' | 'en';

// cjkRatio counts an English word about as much as one Han character, so a third is enough: "YOLOv3 为什么不用
// softmax 了？" (ratio 0.7) is a Chinese question with English terms in it, "what is dropout" (0) is English.
const CHINESE_RATIO = 0.35;

export function languageOf(text: string): Language {
  return cjkRatio(text) >= CHINESE_RATIO ? 'zh' : 'en';
}
