// Embeds text with a transformers.js feature-extraction pipeline (local folder or hub id), mean-pooled and normalised.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline, type Tensor } from '@huggingface/transformers';
import { IndexError } from '../errors.js';
import { boundWordLength } from '../text/bounded-words.js';
import { normalizeText } from '../text/normalize.js';
import type { Embedder } from './types.js';

export interface TransformersEmbedderOptions {
  /** A local model folder (config.json, tokenizer.json, onnx/model.onnx) or a hub id such as `Xenova/bge-small-zh-v1.5`. */
  model: string;
  /** Whether a hub id may be downloaded. Off by default: the product works offline. */
  allowRemote: boolean;
  /** Where downloaded hub models are cached. */
  cacheDir?: string;
  /** The identity written into index manifests; defaults to the model folder name or hub id. */
  modelId?: string;
}

// 32 texts per forward pass: big enough to amortise ONNX call overhead for the static model, small
// enough that a transformer model's padded batch stays within a few hundred MB.
const BATCH = 32;

export class TransformersEmbedder implements Embedder {
  readonly modelId: string;
  private pipe: Promise<FeatureExtractionPipeline> | undefined;
  private dims = 0;

  constructor(private readonly options: TransformersEmbedderOptions) {
    this.modelId = options.modelId ?? (isLocal(options.model) ? localModelId(options.model) : options.model);
  }

  get dimensions(): number {
    if (this.dims === 0) throw new Error('dimensions are known after the first embedding; call warmUp() first');
    return this.dims;
  }

  /** Loads the model now rather than on the first query. */
  async warmUp(): Promise<void> {
    await this.embedQuery('warm up');
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return (await this.embedDocuments([text]))[0]!;
  }

  async embedDocuments(texts: string[]): Promise<Float32Array[]> {
    const extractor = await this.load();
    // Similar lengths share a batch, so little time goes into padding.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
    const out = new Array<Float32Array>(texts.length);
    for (let i = 0; i < order.length; i += BATCH) {
      const ids = order.slice(i, i + BATCH);
      const vectors = await this.embedBatch(extractor, ids.map((j) => boundWordLength(normalizeText(texts[j]!)) || ' '));
      ids.forEach((j, k) => (out[j] = vectors[k]!));
    }
    return out;
  }

  /**
   * The pipeline's own steps (tokenizer, then model) with mean pooling and L2 normalisation done here:
   * transformers.js pools element by element through BigInt conversions, which was 80% of ingest time.
   */
  private async embedBatch(extractor: FeatureExtractionPipeline, batch: string[]): Promise<Float32Array[]> {
    const inputs = extractor.tokenizer(batch, { padding: true, truncation: true });
    const outputs = (await extractor.model(inputs)) as Record<string, Tensor | undefined>;
    const hidden = outputs.last_hidden_state ?? outputs.token_embeddings ?? outputs.logits;
    if (!hidden) throw new Error(`model "${this.options.model}" returned no hidden states`);
    const [n, seq, d] = hidden.dims as [number, number, number];
    this.dims = d;
    const data = hidden.data as Float32Array;
    const mask = (inputs.attention_mask as Tensor).data as BigInt64Array;
    const vectors: Float32Array[] = [];
    for (let b = 0; b < n; b++) {
      const v = new Float32Array(d);
      for (let t = 0; t < seq; t++) {
        if (mask[b * seq + t] === 0n) continue;
        const o = (b * seq + t) * d;
        for (let j = 0; j < d; j++) v[j]! += data[o + j]!;
      }
      let norm = 0;
      for (let j = 0; j < d; j++) norm += v[j]! * v[j]!;
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < d; j++) v[j]! /= norm;
      vectors.push(v);
    }
    return vectors;
  }

  private load(): Promise<FeatureExtractionPipeline> {
    this.pipe ??= this.create();
    return this.pipe;
  }

  private async create(): Promise<FeatureExtractionPipeline> {
    const { model, allowRemote, cacheDir } = this.options;
    const local = isLocal(model);
    if (!local && !allowRemote) {
      throw new IndexError(`Model "${model}" is not a local folder and downloading is off. Set ALLOW_REMOTE_MODELS=1 to fetch it from the hub, or point EMBED_MODEL at a local model folder.`);
    }
    // Set explicitly on every load: the library's default would try the hub for anything not found locally.
    env.allowRemoteModels = !local && allowRemote;
    env.allowLocalModels = true;
    if (cacheDir) env.cacheDir = cacheDir;
    let id = model;
    if (local) {
      const abs = path.resolve(model);
      if (!existsSync(path.join(abs, 'onnx', 'model.onnx'))) {
        throw new IndexError(`No model at ${abs} (onnx/model.onnx missing). Run \`npm run build:model\` to build the bundled model.`);
      }
      env.localModelPath = path.dirname(abs) + path.sep;
      id = path.basename(abs);
    }
    try {
      // pipeline()'s overloads are too large for tsc to resolve; the task name fixes the type anyway.
      const create = pipeline as unknown as (task: 'feature-extraction', model: string, options: object) => Promise<FeatureExtractionPipeline>;
      // No CPU memory arena: it kept ~35 MB of RSS reserved for a model whose only op is a Gather.
      return await create('feature-extraction', id, { dtype: 'fp32', session_options: { enableCpuMemArena: false } });
    } catch (error) {
      this.pipe = undefined;
      throw new IndexError(`Could not load embedding model "${model}": ${(error as Error).message}`, { cause: error });
    }
  }
}

/** Folder name plus the weights' fingerprint, so a rebuilt model never silently reuses an old index. */
function localModelId(model: string): string {
  const name = path.basename(path.resolve(model));
  try {
    const config = JSON.parse(readFileSync(path.join(model, 'config.json'), 'utf8')) as { interview_tutor?: { fingerprint?: string } };
    const fingerprint = config.interview_tutor?.fingerprint;
    return fingerprint ? `${name}@${fingerprint}` : name;
  } catch {
    return name;
  }
}

function isLocal(model: string): boolean {
  return model.startsWith('.') || model.startsWith('/') || existsSync(model);
}
