import GoodNews
import PostgreSQL
import StoreCommon

/// The SQL of actions and tallies on the unit of work's connection. A case's tally is the sum of its slots
/// (migrations/postgresql/0001_initial.sql), read in one round trip.
struct PostgreSQLActionStore: ActionStore {
    let tx: PostgreSQLTransaction
    var connection: Connection { tx.connection }

    private enum TargetColumn: Int32, ResultColumn {
        case id, slug, status, campaign, actionGoal
    }

    func target(_ reference: ContentRef) throws -> ActionTarget? {
        guard let row = try connection.query(
            "SELECT id, slug, status, campaign, action_goal FROM cases c WHERE \(reference.condition(alias: "c"))",
            [reference.value]).first else { return nil }
        return ActionTarget(id: row.int64(TargetColumn.id), slug: row.string(TargetColumn.slug),
                            status: ActionTarget.Status(rawValue: row.string(TargetColumn.status)),
                            campaign: row.optionalString(TargetColumn.campaign),
                            actionGoal: row.optionalInt64(TargetColumn.actionGoal))
    }

    private static let insertSQL = """
        INSERT INTO actions (case_id, kind, count, country, source, created_at) VALUES ($1, $2, $3, $4, $5, $6)
        RETURNING id
        """

    func insert(_ input: ActionInput, caseID: Int64, at createdAt: Int64) throws -> Int64 {
        let id = try connection.query(PostgreSQLActionStore.insertSQL, [
            .integer(caseID), .text(input.kind.rawValue), .integer(input.count), Value(input.country),
            Value(input.source), .integer(createdAt),
        ]).scalarInt64() ?? 0
        tx.changes.tallyChanged(caseID: caseID)
        return id
    }

    func insert(_ record: ImportedAction, caseID: Int64, now: Timestamp) throws {
        try refusingConstraints {
            _ = try connection.query(PostgreSQLActionStore.insertSQL, [
                .integer(caseID), .text(record.kind), .integer(record.count), Value(record.country),
                Value(record.source), .integer(record.createdAt ?? now.seconds),
            ])
        }
        tx.changes.tallyChanged(caseID: caseID)
    }

    private enum TallyColumn: Int32, ResultColumn {
        case total, updatedAt, byKind, byCountry
    }

    private static let tallySQL = """
        SELECT (SELECT coalesce(sum(total), 0)::bigint FROM case_tally_slots WHERE case_id = $1),
               (SELECT max(updated_at) FROM case_tally_slots WHERE case_id = $1),
               (SELECT string_agg(kind || chr(31) || total, chr(30) ORDER BY kind) FROM
                  (SELECT kind, sum(total) AS total FROM case_tallies_by_kind WHERE case_id = $1
                   GROUP BY kind HAVING sum(total) > 0) k),
               (SELECT string_agg(country || chr(31) || total, chr(30) ORDER BY country) FROM
                  (SELECT country, sum(total) AS total FROM case_tallies_by_country
                   WHERE case_id = $1 AND country <> '' GROUP BY country HAVING sum(total) > 0) k)
        """

    func tally(caseID: Int64) throws -> CaseTally {
        var tally = CaseTally()
        guard let row = try connection.query(PostgreSQLActionStore.tallySQL, [.integer(caseID)]).first else { return tally }
        tally.total = row.int64(TallyColumn.total)
        tally.updatedAt = row.optionalInt64(TallyColumn.updatedAt)
        tally.byKind = row.keyedTotals(TallyColumn.byKind).map { (kind: $0.0, total: $0.1) }
        tally.byCountry = row.keyedTotals(TallyColumn.byCountry).map { (country: $0.0, total: $0.1) }
        return tally
    }
}
