@testable import EvalPostgres
import Testing

struct PostgresPlaceholdersTests {
    @Test func parametersAreNumberedAsSQLiteNumbersThem() {
        #expect(PostgresPlaceholders.translate("SELECT ? , ?") == "SELECT $1 , $2")
        #expect(PostgresPlaceholders.translate("WHERE a = ?2 AND b = ?1 AND c = ?") == "WHERE a = $2 AND b = $1 AND c = $3")
        #expect(
            PostgresPlaceholders.translate("x IN (?1, ?2) AND (CAST(?3 AS TEXT) IS NULL) AND (y BETWEEN ? AND ?)")
                == "x IN ($1, $2) AND (CAST($3 AS TEXT) IS NULL) AND (y BETWEEN $4 AND $5)")
    }

    @Test func quotedTextIsLeftAlone() {
        #expect(PostgresPlaceholders.translate("SELECT '?', \"a?\", 'it''s ?', ?") == "SELECT '?', \"a?\", 'it''s ?', $1")
        #expect(PostgresPlaceholders.translate("json_extract(d, '$.judged') = ? -- é") == "json_extract(d, '$.judged') = $1 -- é")
    }
}
