// Ids of the vectors in the index: chunk ids, plus one per answered section for its question alone.

const QUESTION_SUFFIX = '#question';

export function questionVectorId(sectionId: string): string {
  return `${sectionId}${QUESTION_SUFFIX}`;
}

/** The section a question vector belongs to, or null for a chunk id. */
export function sectionOfQuestionVector(id: string): string | null {
  return id.endsWith(QUESTION_SUFFIX) ? id.slice(0, -QUESTION_SUFFIX.length) : null;
}
