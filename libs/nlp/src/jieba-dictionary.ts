import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The dictionaries shipped inside the nodejieba package (cppjieba's data), read in place from
 * node_modules. Both adapters use this base dictionary: @node-rs/jieba ships a slightly
 * different one (63 more words such as IC卡, U盘, 吉林; 张力 and 张华 missing), which would make
 * the two segmenters disagree.
 */
export interface JiebaDataPaths {
  dict: string;
  hmmDict: string;
  idfDict: string;
  stopWordDict: string;
}

export function jiebaDataPaths(): JiebaDataPaths {
  const dir = path.join(path.dirname(require.resolve('nodejieba/package.json')), 'submodules', 'cppjieba', 'dict');
  return {
    dict: path.join(dir, 'jieba.dict.utf8'),
    hmmDict: path.join(dir, 'hmm_model.utf8'),
    idfDict: path.join(dir, 'idf.utf8'),
    stopWordDict: path.join(dir, 'stop_words.utf8'),
  };
}

export interface UserDictEntry {
  word: string;
  freq: number;
  tag: string;
}

export class UserDictError extends Error {
  override readonly name = 'UserDictError';
}

/**
 * The user-dictionary form both libraries read the same way: exactly `word freq tag`
 * separated by single spaces. cppjieba splits on one space and reads a two-column line as
 * `word tag` (jieba-rs as `word freq`); it has no comments and aborts the whole process on a
 * file it cannot open. So the file is checked here, before any native code sees it.
 */
const ENTRY = /^(\S+) ([1-9]\d{0,8}) ([a-z]+)$/;

export function parseUserDict(text: string, source = 'user dictionary'): UserDictEntry[] {
  const entries: UserDictEntry[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const match = ENTRY.exec(line);
    if (!match) {
      throw new UserDictError(
        `${source} line ${lineNo}: expected "word freq tag" separated by single spaces (freq a positive integer, tag lower-case letters), got ${JSON.stringify(line)}`,
      );
    }
    const [, word, freq, tag] = match;
    const previous = seen.get(word);
    if (previous !== undefined) {
      throw new UserDictError(`${source} line ${lineNo}: "${word}" already on line ${previous}`);
    }
    seen.set(word, lineNo);
    entries.push({ word, freq: Number(freq), tag });
  });
  if (entries.length === 0) throw new UserDictError(`${source} has no entries`);
  return entries;
}

export interface UserDict {
  /** Absolute path, as handed to nodejieba. */
  path: string;
  /** The file's bytes, as handed to @node-rs/jieba. */
  content: Buffer;
  entries: UserDictEntry[];
}

export function loadUserDict(filePath: string): UserDict {
  const absolute = path.resolve(filePath);
  if (!existsSync(absolute)) throw new UserDictError(`user dictionary not found: ${absolute}`);
  // cppjieba reads its userDict argument as a list of files separated by "|" or ";".
  if (/[|;]/.test(absolute)) throw new UserDictError(`user dictionary path must not contain "|" or ";": ${absolute}`);
  const content = readFileSync(absolute);
  return { path: absolute, content, entries: parseUserDict(content.toString('utf8'), absolute) };
}
