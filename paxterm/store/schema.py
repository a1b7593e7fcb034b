"""The project store's tables (see paxterm.store.connection for migrations).

SCHEMA_V1 is the first version's tables, kept as they were; each later
version adds its statements, which both create a new store and migrate an
older one. SCHEMA is what a new store is created with.
"""

SCHEMA_V1 = """
CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,            -- relative to the corpus folder, with /
    language TEXT,                        -- fr or en, NULL when the file could not be read
    symbol TEXT,
    symbols TEXT NOT NULL DEFAULT '[]',   -- JSON list
    content_hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    skipped_reason TEXT,
    added_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE segments (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    level TEXT NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    number TEXT,                          -- paragraphs: the number as printed
    heading INTEGER NOT NULL DEFAULT 0,
    paragraph INTEGER,                    -- sentences: the paragraph they belong to
    PRIMARY KEY (document_id, level, idx)
);
-- One row per aligned French document, en_document_id NULL: aligned French-only.
CREATE TABLE pairs (
    fr_document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    en_document_id INTEGER UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
    method TEXT,
    similarity REAL,
    aligned_at TEXT NOT NULL
);
CREATE TABLE links (
    fr_document_id INTEGER NOT NULL REFERENCES pairs(fr_document_id) ON DELETE CASCADE,
    level TEXT NOT NULL,
    position INTEGER NOT NULL,
    fr_index TEXT NOT NULL,               -- JSON lists of 0-based segment indices
    en_index TEXT NOT NULL,
    fr TEXT NOT NULL,
    en TEXT NOT NULL,
    score REAL NOT NULL,
    flags TEXT NOT NULL,                  -- JSON list
    PRIMARY KEY (fr_document_id, level, position)
);
CREATE TABLE embeddings (
    model TEXT NOT NULL,
    key BLOB NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, key)
) WITHOUT ROWID;
CREATE TABLE term_entries (
    id TEXT PRIMARY KEY,
    fr TEXT NOT NULL, en TEXT NOT NULL,
    fr_variants TEXT NOT NULL, en_variants TEXT NOT NULL,
    pos TEXT NOT NULL,
    fr_frequency INTEGER NOT NULL, en_frequency INTEGER NOT NULL,
    confidence REAL NOT NULL,
    status TEXT NOT NULL,
    fr_context TEXT NOT NULL, en_context TEXT NOT NULL,
    sources TEXT NOT NULL,
    label TEXT NOT NULL, note TEXT NOT NULL,
    found_fr_key TEXT NOT NULL,           -- the terms as extraction proposed them, normalised
    found_en_key TEXT NOT NULL,
    edited INTEGER NOT NULL DEFAULT 0,    -- changed by a person (term base import)
    rank INTEGER NOT NULL,                -- order in the latest build, reviewed additions last
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX term_entries_found ON term_entries (found_fr_key, found_en_key);
CREATE TABLE term_history (
    id INTEGER PRIMARY KEY,
    entry_id TEXT NOT NULL,
    at TEXT NOT NULL,
    field TEXT NOT NULL,
    old TEXT,
    new TEXT,
    origin TEXT NOT NULL                  -- run or import
);
CREATE INDEX term_history_entry ON term_history (entry_id);
"""

# Version 2: each French document's term candidates, so that a run extracts
# (spaCy) only the documents whose aligned text changed. Rows are found by a
# fingerprint of the document's aligned text and of the extractor
# (glossary.build); a run deletes the rows it did not use.
SCHEMA_V2 = """
CREATE TABLE term_candidates (
    fingerprint TEXT PRIMARY KEY,
    fr_doc TEXT NOT NULL,
    fr TEXT NOT NULL,                     -- JSON list of candidates (glossary.extract.merge)
    en TEXT NOT NULL
) WITHOUT ROWID;
"""


# Version 3: what a reviewer does in `paxterm review`. Links get a stable id, a
# status (auto, confirmed, edited) and a revision (a stale edit from another tab
# is refused, not applied); every change to a link is kept in link_history.
# Term entries get a revision for the same reason.
SCHEMA_V3 = """
CREATE TABLE links_v3 (
    id INTEGER PRIMARY KEY,
    fr_document_id INTEGER NOT NULL REFERENCES pairs(fr_document_id) ON DELETE CASCADE,
    level TEXT NOT NULL,
    position INTEGER NOT NULL,
    fr_index TEXT NOT NULL,
    en_index TEXT NOT NULL,
    fr TEXT NOT NULL,
    en TEXT NOT NULL,
    score REAL NOT NULL,
    flags TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'auto',  -- auto, confirmed or edited
    revision INTEGER NOT NULL DEFAULT 0,
    UNIQUE (fr_document_id, level, position)
);
INSERT INTO links_v3 (fr_document_id, level, position, fr_index, en_index, fr, en, score, flags)
    SELECT fr_document_id, level, position, fr_index, en_index, fr, en, score, flags FROM links;
DROP TABLE links;
ALTER TABLE links_v3 RENAME TO links;
CREATE TABLE link_history (
    id INTEGER PRIMARY KEY,
    fr_document_id INTEGER NOT NULL,
    link_id INTEGER,
    at TEXT NOT NULL,
    action TEXT NOT NULL,                 -- confirm, edit, merge, split, omission
    before TEXT,                          -- JSON of the link(s) before
    after TEXT                            -- JSON of the link(s) after
);
CREATE INDEX link_history_document ON link_history (fr_document_id);
ALTER TABLE term_entries ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
"""

# Version 4: a reviewer's decisions outlive a realignment. When a document's
# pair is dropped (its text changed, another model), its reviewed links (status
# other than auto) are kept here with the texts of the segments they joined;
# the next alignment of that French document takes back those whose segment
# texts are still there in the same order, and the rows go.
# And every entry's termhood (glossary.rank.termhood), the estimated
# probability that a terminologist keeps it: outputs hold by default only the
# entries above a threshold. Older entries read 0 until the next run scores them.
SCHEMA_V4 = """
CREATE TABLE kept_reviews (
    id INTEGER PRIMARY KEY,
    fr_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    level TEXT NOT NULL,
    position INTEGER NOT NULL,            -- the link's place in the alignment it was reviewed in
    fr_index TEXT NOT NULL,               -- JSON lists of its segment indices there
    en_index TEXT NOT NULL,
    fr_segments TEXT NOT NULL,            -- JSON lists of the texts of those segments
    en_segments TEXT NOT NULL,
    fr TEXT NOT NULL,                     -- the link as the reviewer left it
    en TEXT NOT NULL,
    score REAL NOT NULL,
    flags TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE INDEX kept_reviews_document ON kept_reviews (fr_document_id);
ALTER TABLE term_entries ADD COLUMN termhood REAL NOT NULL DEFAULT 0;
"""

SCHEMA = SCHEMA_V1 + SCHEMA_V2 + SCHEMA_V3 + SCHEMA_V4
