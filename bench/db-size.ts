import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { round } from './measure.js';
import type { BenchResult } from './result.js';

// Where a scrobble database's bytes go, page by page (SQLite's dbstat table), so the cost of
// the text search index is a number rather than a guess.

type Part = 'rows' | 'row indexes' | 'search index' | 'other';

function partOf(tableName: string | undefined, type: string | undefined): Part {
  // Schema 1's FTS5 table over every scrobble, or schema 2's names index (search-schema.ts).
  if (tableName?.startsWith('scrobbles_fts') || tableName?.startsWith('search_')) {
    return 'search index';
  }
  if (tableName === 'scrobbles') return type === 'index' ? 'row indexes' : 'rows';
  return 'other';
}

/** Bytes per row of a closed (checkpointed) database `file` holding `rows` scrobbles. */
export function databaseSize(file: string, rows: number, label: string): BenchResult {
  const size = statSync(file).size;
  const db = new Database(file, { readonly: true });
  const parts = new Map<Part, number>();
  try {
    const owners = new Map(
      db
        .prepare<[], { name: string; tbl_name: string; type: string }>(
          'SELECT name, tbl_name, type FROM sqlite_master',
        )
        .all()
        .map((o) => [o.name, o]),
    );
    const pages = db
      .prepare<[], { name: string; bytes: number }>(
        'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name',
      )
      .all();
    for (const { name, bytes } of pages) {
      const owner = owners.get(name);
      const part = partOf(owner?.tbl_name, owner?.type);
      parts.set(part, (parts.get(part) ?? 0) + bytes);
    }
  } finally {
    db.close();
  }
  const share = (part: Part) => {
    const bytes = parts.get(part) ?? 0;
    return `${part} ${Math.round((100 * bytes) / size)}% (${Math.round(bytes / rows)} B)`;
  };
  return {
    name: `database size per scrobble (${label})`,
    value: Math.round(size / rows),
    unit: 'bytes',
    detail:
      `file ${round(size / 1e6)} MB for ${rows.toLocaleString('en')} rows; ` +
      (['rows', 'row indexes', 'search index', 'other'] as const).map(share).join(', '),
  };
}
