import GRDB

/// The store's schema, as named migrations.
///
/// Shipped migrations are never edited: only new ones are added.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs-platforms-suites") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        startedAt REAL NOT NULL,
                        endedAt REAL,
                        status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'incomplete', 'failed')),
                        evalctlVersion TEXT NOT NULL,
                        gitCommit TEXT,
                        gitDirty INTEGER,
                        configHash TEXT NOT NULL,
                        host TEXT
                    );
                    CREATE INDEX run_startedAt ON run(startedAt);
                    CREATE TABLE platform (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL UNIQUE,
                        protocol TEXT NOT NULL,
                        baseURL TEXT NOT NULL,
                        model TEXT NOT NULL,
                        isReference INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE suite (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        suiteKey TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        description TEXT NOT NULL,
                        UNIQUE (suiteKey, version)
                    );
                    CREATE TABLE prompt (
                        hash TEXT PRIMARY KEY,
                        text TEXT NOT NULL
                    ) WITHOUT ROWID;
                    """
            )
        }
        migrator.registerMigration("v1-samples-scores-alerts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sample (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        runID INTEGER NOT NULL REFERENCES run(id),
                        platformID INTEGER NOT NULL REFERENCES platform(id),
                        suiteID INTEGER NOT NULL REFERENCES suite(id),
                        caseID TEXT NOT NULL,
                        sampleIndex INTEGER NOT NULL,
                        promptHash TEXT NOT NULL REFERENCES prompt(hash),
                        seed INTEGER NOT NULL,
                        routingKey TEXT,
                        output TEXT,
                        finishReason TEXT,
                        latency REAL NOT NULL,
                        attempts INTEGER NOT NULL,
                        errorClass TEXT,
                        errorMessage TEXT,
                        servedBy TEXT,
                        reportedModel TEXT,
                        systemFingerprint TEXT,
                        completionTokens INTEGER,
                        createdAt REAL NOT NULL
                    );
                    CREATE INDEX sample_run_platform ON sample(runID, platformID, suiteID);
                    CREATE INDEX sample_series ON sample(platformID, suiteID, caseID, runID);
                    CREATE TABLE score (
                        sampleID INTEGER NOT NULL REFERENCES sample(id),
                        scorer TEXT NOT NULL,
                        value REAL NOT NULL,
                        passed INTEGER,
                        details TEXT NOT NULL,
                        PRIMARY KEY (sampleID, scorer)
                    ) WITHOUT ROWID;
                    CREATE INDEX score_scorer ON score(scorer, sampleID);
                    CREATE TABLE alert (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        platform TEXT NOT NULL,
                        suite TEXT NOT NULL,
                        metric TEXT NOT NULL,
                        openedAt REAL NOT NULL,
                        resolvedAt REAL,
                        status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
                        openedRunID INTEGER REFERENCES run(id),
                        evidence TEXT NOT NULL
                    );
                    CREATE INDEX alert_stream ON alert(platform, suite, metric, status);
                    """
            )
        }
        migrator.registerMigration("v2-sample-tokens") { db in
            // Token texts and log-probabilities of a completion, in `TokenStreamCodec`'s binary form:
            // one row per sample that reported them, kept apart so scans of `sample` stay small.
            try db.execute(
                sql: """
                    CREATE TABLE sample_tokens (
                        sampleID INTEGER PRIMARY KEY REFERENCES sample(id),
                        tokenCount INTEGER NOT NULL,
                        data BLOB NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v3-tallies-detectors") { db in
            // Per case and per run counts of every metric's verdicts, written when a run finishes:
            // compare, gate, alerts and the report read these, never the sample rows, so they stay
            // fast on stores of millions of samples. Filled here for the runs already stored.
            try db.execute(
                sql: """
                    CREATE TABLE case_tally (
                        runID INTEGER NOT NULL REFERENCES run(id),
                        platformID INTEGER NOT NULL REFERENCES platform(id),
                        suiteID INTEGER NOT NULL REFERENCES suite(id),
                        caseID TEXT NOT NULL,
                        metric TEXT NOT NULL,
                        judged INTEGER NOT NULL,
                        failed INTEGER NOT NULL,
                        unavailable INTEGER NOT NULL,
                        PRIMARY KEY (runID, platformID, suiteID, caseID, metric)
                    ) WITHOUT ROWID;
                    CREATE INDEX case_tally_failures ON case_tally(platformID, metric, runID) WHERE failed > 0;
                    CREATE TABLE run_tally (
                        runID INTEGER NOT NULL REFERENCES run(id),
                        platformID INTEGER NOT NULL REFERENCES platform(id),
                        suiteID INTEGER NOT NULL REFERENCES suite(id),
                        metric TEXT NOT NULL,
                        judged INTEGER NOT NULL,
                        failed INTEGER NOT NULL,
                        unavailable INTEGER NOT NULL,
                        PRIMARY KEY (runID, platformID, suiteID, metric)
                    ) WITHOUT ROWID;
                    CREATE INDEX run_tally_platform ON run_tally(platformID, runID);
                    CREATE TABLE detector_state (
                        platform TEXT NOT NULL,
                        suite TEXT NOT NULL,
                        metric TEXT NOT NULL,
                        baseline TEXT NOT NULL CHECK (baseline IN ('reference', 'history')),
                        lastRunID INTEGER NOT NULL,
                        upper REAL NOT NULL,
                        lower REAL NOT NULL,
                        alarmed INTEGER NOT NULL,
                        frozenNullRate REAL,
                        PRIMARY KEY (platform, suite, metric, baseline)
                    ) WITHOUT ROWID;
                    """
            )
            // Frozen SQL, not the store's live tally code: a migration must do tomorrow what it did
            // the day it shipped.
            try db.execute(
                sql: """
                    INSERT INTO case_tally (runID, platformID, suiteID, caseID, metric, judged, failed, unavailable)
                    SELECT s.runID, s.platformID, s.suiteID, s.caseID, sc.scorer,
                           SUM(sc.passed IS NOT NULL), SUM(sc.passed IS 0), SUM(sc.passed IS NULL)
                    FROM sample s JOIN score sc ON sc.sampleID = s.id JOIN run r ON r.id = s.runID
                    WHERE r.status != 'running'
                    GROUP BY s.runID, s.platformID, s.suiteID, s.caseID, sc.scorer;
                    INSERT INTO case_tally (runID, platformID, suiteID, caseID, metric, judged, failed, unavailable)
                    SELECT s.runID, s.platformID, s.suiteID, s.caseID, 'infra-error', COUNT(*), SUM(s.errorClass IS NOT NULL), 0
                    FROM sample s JOIN run r ON r.id = s.runID
                    WHERE r.status != 'running'
                    GROUP BY s.runID, s.platformID, s.suiteID, s.caseID;
                    INSERT INTO run_tally (runID, platformID, suiteID, metric, judged, failed, unavailable)
                    SELECT runID, platformID, suiteID, metric, SUM(judged), SUM(failed), SUM(unavailable)
                    FROM case_tally
                    GROUP BY runID, platformID, suiteID, metric;
                    """
            )
        }
        // Every query of samples starts from a run (tallies serve the time series), so the
        // per-series index of samples only cost writes: a sweep's inserts touched one of its pages
        // per case. compare pools a platform's run tallies by suite and metric: an index in that
        // order, covering the counts, lets SQLite sum them without sorting.
        migrator.registerMigration("v4-sample-and-tally-indexes") { db in
            try db.execute(
                sql: """
                    DROP INDEX IF EXISTS sample_series;
                    CREATE INDEX run_tally_series ON run_tally(platformID, suiteID, metric, runID, judged, failed, unavailable);
                    """
            )
        }
        // What a sweep found out about its platforms before sending a request (the drift replay
        // probe's verdict, capabilities a server lacks), one line per topic, kept with the run.
        migrator.registerMigration("v5-run-notes") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run_note (
                        runID INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        topic TEXT NOT NULL,
                        note TEXT NOT NULL,
                        PRIMARY KEY (runID, topic)
                    )
                    """
            )
        }
        // Alert transitions a sink has not received yet: delivered again by the next detection
        // pass, a bounded number of times.
        migrator.registerMigration("v6-alert-outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE alert_outbox (
                        alertID INTEGER NOT NULL REFERENCES alert(id),
                        sink TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
                        attempts INTEGER NOT NULL,
                        lastError TEXT NOT NULL,
                        PRIMARY KEY (alertID, sink, status)
                    ) WITHOUT ROWID
                    """
            )
        }
        // Per run and stream, the sums that tell how far the samples of one case fail together
        // (clusters, Σf², Σf·n, Σn² over the run's cases): compare divides its counts by the design
        // effect they give. Frozen SQL fills them for the runs already tallied; the covering index
        // of compare gains them.
        migrator.registerMigration("v7-tally-clusters") { db in
            try db.execute(
                sql: """
                    ALTER TABLE run_tally ADD COLUMN clusters INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE run_tally ADD COLUMN failedSquares INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE run_tally ADD COLUMN failedJudged INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE run_tally ADD COLUMN judgedSquares INTEGER NOT NULL DEFAULT 0;
                    UPDATE run_tally SET (clusters, failedSquares, failedJudged, judgedSquares) = (
                        SELECT COUNT(*), COALESCE(SUM(c.failed * c.failed), 0), COALESCE(SUM(c.failed * c.judged), 0), COALESCE(SUM(c.judged * c.judged), 0)
                        FROM case_tally c
                        WHERE c.runID = run_tally.runID AND c.platformID = run_tally.platformID
                          AND c.suiteID = run_tally.suiteID AND c.metric = run_tally.metric
                    );
                    DROP INDEX IF EXISTS run_tally_series;
                    CREATE INDEX run_tally_series ON run_tally(
                        platformID, suiteID, metric, runID, judged, failed, unavailable, clusters, failedSquares, failedJudged, judgedSquares
                    );
                    """
            )
        }
        // Streamed answers: the time to their first text and the median gap between text events;
        // every answer: the prompt's tokens as the platform reported them, and its tool calls.
        migrator.registerMigration("v8-stream-timing-prompt-tokens-tool-calls") { db in
            try db.execute(
                sql: """
                    ALTER TABLE sample ADD COLUMN timeToFirstToken REAL;
                    ALTER TABLE sample ADD COLUMN interTokenGap REAL;
                    ALTER TABLE sample ADD COLUMN promptTokens INTEGER;
                    ALTER TABLE sample ADD COLUMN toolCalls TEXT;
                    """
            )
        }
        // Sharded runs: the key every shard of a run names it by, how many shards it has and the
        // fingerprint of its plan; one row per shard that started, with how it ended.
        migrator.registerMigration("v9-sharded-runs") { db in
            try db.execute(
                sql: """
                    ALTER TABLE run ADD COLUMN runKey TEXT;
                    ALTER TABLE run ADD COLUMN shards INTEGER;
                    ALTER TABLE run ADD COLUMN planFingerprint TEXT;
                    CREATE UNIQUE INDEX run_runKey ON run(runKey) WHERE runKey IS NOT NULL;
                    CREATE TABLE run_shard (
                        runID INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        shard INTEGER NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'incomplete', 'failed')),
                        startedAt REAL NOT NULL,
                        endedAt REAL,
                        host TEXT,
                        starts INTEGER NOT NULL DEFAULT 1,
                        PRIMARY KEY (runID, shard)
                    );
                    """
            )
        }
        return migrator
    }
}
