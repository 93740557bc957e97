// Chooses the embedder for a configured model: the bundled static model or any transformers.js model.

import type { Config } from '../config.js';
import { TransformersEmbedder } from './transformers-embedder.js';

export function createEmbedder(config: Pick<Config, 'embedModel' | 'allowRemoteModels' | 'modelCacheDir'>): TransformersEmbedder {
  return new TransformersEmbedder({ model: config.embedModel, allowRemote: config.allowRemoteModels, cacheDir: config.modelCacheDir });
}
