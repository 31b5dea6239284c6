/**
 * The newest CouchDB revision of each doc this sync has seen on the server, by id.
 *
 * RxDB's downstream writes whatever the pull handler hands it over the local copy whenever that
 * copy has no unpushed edit, and it has no notion of revisions. A `_changes` page is a snapshot:
 * a page read (or cached for another collection) before this station pushed a doc still holds
 * the doc's older body, and handed to RxDB after the push it would replace the newer state the
 * station just wrote — a merged case would show the other workstation's list again, and an edit
 * made on top of that stale state would lose the merge. So push and pull note the revisions they
 * see here, and the pull handler drops a row older than one already seen.
 */

/** CouchDB revisions are `<generation>-<hash>`; a later edit has a higher generation. */
function generationOf(rev: string): number {
  const generation = Number.parseInt(rev, 10);
  return Number.isFinite(generation) ? generation : 0;
}

export class KnownRevisions {
  private readonly newest = new Map<string, string>();

  /** The server holds `rev` of `id` (read from it or written to it). Never moves back. */
  note(id: string, rev: string | undefined): void {
    if (!rev) return;
    const known = this.newest.get(id);
    if (!known || generationOf(rev) >= generationOf(known)) this.newest.set(id, rev);
  }

  /** `rev` is older than a revision of `id` already seen on the server. */
  isSuperseded(id: string, rev: string | undefined): boolean {
    const known = this.newest.get(id);
    return !!known && !!rev && generationOf(rev) < generationOf(known);
  }
}
