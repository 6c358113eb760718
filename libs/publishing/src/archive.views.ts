/** A published reply as the public sees it: masked texts only, no staff names, no ids of people. */
export interface ArchiveEntry {
  id: string;
  kind: 'reply' | 'interpretation';
  title: string;
  messageKind: string | null;
  /** Topic category (城乡建设, 卫生计生, …) of the message; null for interpretations and unclassified messages. */
  category: string | null;
  messageText: string;
  replyText: string;
  unit: { code: string; name: string } | null;
  /** 留言时间, 答复时间 (ISO), and the working days between them. */
  receivedAt: string | null;
  repliedAt: string | null;
  workingDays: number | null;
  publishedAt: string;
}

/** A withdrawn entry keeps its address: the page says it was withdrawn and why, nothing of the content. */
export interface ArchiveTombstone {
  id: string;
  withdrawn: true;
  reason: string | null;
  withdrawnAt: string;
}

export interface ArchiveQuery {
  q?: string;
  unit?: string;
  kind?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Searches count matches up to this many; beyond it the archive says "1,000+" and pages the newest first. */
export const ARCHIVE_COUNT_CAP = 1000;

/** `relevance`: ranked by cover density (a search with at most ARCHIVE_COUNT_CAP matches); `newest`: newest first. */
export type ArchiveOrder = 'relevance' | 'newest';

export interface ArchiveSearchResult {
  items: (ArchiveEntry & { rank: number | null })[];
  /** Matches, counted up to ARCHIVE_COUNT_CAP. */
  total: number;
  /** False when there are more than ARCHIVE_COUNT_CAP matches. */
  totalIsExact: boolean;
  order: ArchiveOrder;
  page: number;
  pageSize: number;
  /** The words the query was cut into (what the pages highlight). */
  terms: string[];
}

export interface ArchiveUnitFigures {
  unit: { code: string; name: string };
  published: number;
  averageWorkingDays: number | null;
  p90WorkingDays: number | null;
  onTimeRate: number | null;
  ratings: number;
  averageAttitude: number | null;
  averageSpeed: number | null;
  resolvedRate: number | null;
}
