// Reads every markdown file under a folder (read-only) and parses it into sections, with warnings for skipped files.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { NotesError } from '../errors.js';
import { parseMarkdown } from './parse-notes.js';
import type { Section } from './types.js';

export interface LoadedNotes {
  sections: Section[];
  /** Paths of the markdown files read, relative to the folder. */
  files: string[];
  warnings: string[];
}

const MARKDOWN = /\.(md|markdown)$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Loads all `.md`/`.markdown` files under `dir` (recursively, sorted, skipping dot-folders and node_modules). */
export async function loadNotes(dir: string): Promise<LoadedNotes> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new NotesError(`Notes folder not found: ${dir}`);
  if (!info.isDirectory()) throw new NotesError(`Notes path is not a folder: ${dir}`);

  const files = (await listMarkdown(dir)).sort();
  if (files.length === 0) throw new NotesError(`No markdown (.md) files in ${dir}. Put your notes there or pass --notes DIR.`);

  const sections: Section[] = [];
  const warnings: string[] = [];
  for (const rel of files) {
    const bytes = await readFile(path.join(dir, rel));
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      warnings.push(`${rel}: not valid UTF-8 text, skipped. Save it as UTF-8 to include it.`);
      continue;
    }
    const parsed = parseMarkdown(rel, text);
    sections.push(...parsed.sections);
    warnings.push(...parsed.warnings);
  }
  if (sections.length === 0) {
    throw new NotesError(`No questions found in ${dir}: ${warnings.join(' ')}`);
  }
  return { sections, files, warnings };
}

async function listMarkdown(root: string, rel = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listMarkdown(root, child)));
    else if (e.isFile() && MARKDOWN.test(e.name)) out.push(child);
  }
  return out;
}
