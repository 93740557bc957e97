// Reads every markdown file under a folder (read-only) and parses it into sections, reporting every file it skips.

import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { NotesError } from '../errors.js';
import { parseMarkdown } from './parse-notes.js';
import type { Section } from './types.js';

/** A file under the notes folder that gave no questions, and why. */
export interface SkippedFile {
  /** Path relative to the notes folder, with `/` separators. */
  file: string;
  reason: string;
}

export interface LoadedNotes {
  sections: Section[];
  /** Paths of the markdown files found (read or not), relative to the folder, sorted. */
  files: string[];
  /** sha256 of each markdown file that could be read, by relative path: tells whether the notes changed. */
  hashes: Record<string, string>;
  /** Everything skipped or suspicious, each as `file[:line]: message`; includes one line per skipped file. */
  warnings: string[];
  /** Files that gave no questions at all. */
  skipped: SkippedFile[];
}

const MARKDOWN = /\.(md|markdown)$/i;
// Plain-text notes that a user may expect to be read: reported when skipped. Other files (images, the glossary's
// YAML) are not notes and are passed over silently.
const TEXT_NOTES = /\.(txt|text|mdx|mdown|mkd|mkdn|mdwn|rst|org)$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Loads all `.md`/`.markdown` files under `dir` (recursively, sorted, following symbolic links, skipping dot-folders
 * and node_modules).
 */
export async function loadNotes(dir: string): Promise<LoadedNotes> {
  await assertNotesFolder(dir);

  const listing = await listNotes(dir);
  const files = listing.markdown.sort();
  const skipped: SkippedFile[] = [...listing.skipped];
  if (files.length === 0) {
    const others = skipped.length > 0 ? ` (${skipped.map((s) => `${s.file}: ${s.reason}`).join('; ')})` : '';
    throw new NotesError(`No markdown (.md) files in ${dir}${others}. Put your notes there or pass --notes DIR.`);
  }

  const sections: Section[] = [];
  const warnings: string[] = [];
  const hashes: Record<string, string> = {};
  for (const rel of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(dir, rel));
    } catch (error) {
      skipped.push({ file: rel, reason: `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}), skipped` });
      continue;
    }
    hashes[rel] = createHash('sha256').update(bytes).digest('hex');
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      skipped.push({ file: rel, reason: 'not valid UTF-8 text, skipped; save it as UTF-8 to include it' });
      continue;
    }
    const parsed = parseMarkdown(rel, text);
    sections.push(...parsed.sections);
    warnings.push(...parsed.warnings);
    if (parsed.sections.length === 0) skipped.push({ file: rel, reason: 'no headings, so no questions in it' });
  }
  skipped.sort((a, b) => a.file.localeCompare(b.file));
  // One line per skipped file; a file without headings already has its parser warning.
  for (const s of skipped) if (!warnings.some((w) => w.startsWith(`${s.file}: no headings`))) warnings.push(`${s.file}: ${s.reason}.`);
  if (sections.length === 0) {
    throw new NotesError(`No questions found in ${dir}: ${warnings.join(' ')}`);
  }
  return { sections, files, hashes, warnings, skipped };
}

/** Throws a NotesError saying so when `dir` is missing or not a folder. */
export async function assertNotesFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new NotesError(`Notes folder not found: ${dir}`);
  if (!info.isDirectory()) throw new NotesError(`Notes path is not a folder: ${dir}`);
}

async function listNotes(root: string): Promise<{ markdown: string[]; skipped: SkippedFile[] }> {
  const markdown: string[] = [];
  const skipped: SkippedFile[] = [];
  // Real paths of the folders read so far: a link back to one of them (a loop, or the same folder twice) is skipped.
  const visited = new Set<string>([await realpath(root)]);

  async function walk(rel: string): Promise<void> {
    // Sorted, so that which of two paths to the same folder counts as the link is always the same.
    const entries = (await readdir(path.join(root, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      let isDirectory = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        // Linked files and folders are read like the others (the notes may gather folders kept elsewhere).
        const target = await stat(path.join(root, child)).catch(() => null);
        if (!target) {
          if (MARKDOWN.test(e.name) || TEXT_NOTES.test(e.name)) skipped.push({ file: child, reason: 'a link to a file that does not exist, skipped' });
          continue;
        }
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDirectory) {
        const real = await realpath(path.join(root, child));
        if (visited.has(real)) {
          skipped.push({ file: child, reason: 'a link to a folder that is already read, skipped' });
          continue;
        }
        visited.add(real);
        await walk(child);
      } else if (isFile && MARKDOWN.test(e.name)) {
        markdown.push(child);
      } else if (isFile && TEXT_NOTES.test(e.name)) {
        skipped.push({ file: child, reason: 'not a markdown file, skipped; rename it to .md to include it' });
      }
    }
  }

  await walk('');
  return { markdown, skipped };
}
