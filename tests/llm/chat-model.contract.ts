// The ChatModel contract: every implementation (LangChain over HTTP, the in-process fake) must pass it.

import { describe, expect, it } from 'vitest';
import type { ChatModel } from '../../server/llm/types.js';

export interface ChatModelHarness {
  /** A model whose every reply is `text`. */
  replying(text: string): Promise<ChatModel>;
  /** A model that takes `delayMs` before replying `text`. */
  slow(text: string, delayMs: number): Promise<ChatModel>;
}

export function runChatModelContract(name: string, harness: ChatModelHarness): void {
  describe(`${name} (ChatModel contract)`, () => {
    it('returns the whole reply from complete()', async () => {
      const model = await harness.replying('空洞卷积扩大感受野');
      expect(await model.complete([{ role: 'user', content: 'hi' }])).toBe('空洞卷积扩大感受野');
    });

    it('streams pieces that join into the same reply', async () => {
      const model = await harness.replying('The receptive field grows without extra parameters.');
      const parts: string[] = [];
      for await (const part of model.stream([{ role: 'user', content: 'hi' }])) parts.push(part);
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.join('')).toBe('The receptive field grows without extra parameters.');
    });

    it('gives up with an error once timeoutMs has passed', async () => {
      const model = await harness.slow('late', 2_000);
      const started = performance.now();
      await expect(model.complete([{ role: 'user', content: 'hi' }], { timeoutMs: 150 })).rejects.toThrow(/150 ms/);
      expect(performance.now() - started).toBeLessThan(1_500);
    });

    it('stops when the caller aborts', async () => {
      const model = await harness.slow('late', 2_000);
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('user left')), 100);
      await expect(model.complete([{ role: 'user', content: 'hi' }], { signal: controller.signal })).rejects.toThrow();
    });
  });
}
