// Canonical text form for matching: full-width → half-width, lowercase, English spelling variants joined.

/**
 * NFKC (full-width letters, digits and punctuation become ASCII), lowercase, and English spelling variants
 * made equal: `YOLO v1` → `yolov1`, `max-pooling` / `max pooling` → `maxpooling` stay distinct from Chinese.
 * Chinese text passes through unchanged.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‐-―]/g, '-')
    .replace(/\b([a-z]+)\s*-?\s*v(\d+)\b/g, '$1v$2') // yolo v3 / yolo-v3 → yolov3
    .replace(/\s+/g, ' ')
    .trim();
}

/** Fraction of letters that are Han characters, in [0, 1]. */
export function cjkRatio(text: string): number {
  let han = 0;
  let letters = 0;
  for (const ch of text) {
    if (/\p{Script=Han}/u.test(ch)) {
      han++;
      letters++;
    } else if (/[a-zA-Z]/.test(ch)) letters += 0.2; // an English word of ~5 letters weighs like one Han character
  }
  return letters === 0 ? 0 : han / letters;
}
