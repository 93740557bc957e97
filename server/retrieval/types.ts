// The seams of retrieval: embedder, vector index, keyword index and retriever, with what their numbers mean.

/** Turns text into unit-length vectors; similar meaning → high cosine similarity. */
export interface Embedder {
  /** Identifies the model; an index records it and refuses queries from a different one. */
  readonly modelId: string;
  readonly dimensions: number;
  embedDocuments(texts: string[]): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
}

/** A scored id. `score` is always higher-is-better; for vectors it is cosine similarity in [-1, 1]. */
export interface ScoredId {
  id: string;
  score: number;
}

/** Approximate nearest-neighbour search over unit vectors. */
export interface VectorIndex {
  readonly size: number;
  upsert(ids: string[], vectors: Float32Array[]): void;
  remove(ids: string[]): void;
  /** Up to k ids, best first, scored by cosine similarity. */
  search(vector: Float32Array, k: number): ScoredId[];
}

export interface KeywordDocument {
  id: string;
  text: string;
  /** Text that counts more (the section heading). */
  title: string;
}

/** Lexical search; `score` is BM25-like relevance, ≥ 0, unbounded, only comparable within one query. */
export interface KeywordIndex {
  readonly size: number;
  upsert(docs: KeywordDocument[]): void;
  remove(ids: string[]): void;
  search(query: string, k: number): ScoredId[];
}

export type RetrieverName = 'dense' | 'keyword';

/** One section found for a query, represented by its best-matching chunk. */
export interface SectionHit {
  chunkId: string;
  questionId: string;
  heading: string;
  /** The best chunk's text. */
  text: string;
  /** Fused relevance in [0, 1], higher is better; comparable across queries (used for the in-scope threshold). */
  score: number;
  /** Which retrievers found this section. */
  sources: RetrieverName[];
}

export interface Retrieval {
  /** False when nothing in the notes is relevant enough; `hits` then hold the nearest sections as suggestions. */
  inScope: boolean;
  hits: SectionHit[];
}

export interface Retriever {
  retrieve(query: string, k?: number): Promise<Retrieval>;
}
