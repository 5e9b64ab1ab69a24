@testable import PostgreSQL
import Testing

/// No server needed: the SQLSTATE algebra, the withheld input, the URL check.
@Suite struct SQLStateTests {
    @Test func aClassMatchesEveryConditionInIt() {
        #expect(SQLState.integrityConstraintViolation ~= .uniqueViolation)
        #expect(SQLState.uniqueViolation ~= .integrityConstraintViolation)
        #expect(SQLState.connectionException ~= .connectionFailure)
        #expect(SQLState.transactionRollback ~= .deadlockDetected)
        #expect(SQLState.transactionRollback ~= .serializationFailure)
        #expect(SQLState.operatorIntervention ~= .adminShutdown)
        #expect(SQLState.insufficientResources ~= .tooManyConnections)
        #expect(!(SQLState.integrityConstraintViolation ~= .syntaxError))
        #expect(!(SQLState.uniqueViolation ~= .foreignKeyViolation))
        #expect(SQLState.adminShutdown.class == .operatorIntervention)
        #expect(SQLState.uniqueViolation.isClass == false)
        #expect(SQLState.dataException.isClass)
    }

    @Test func aSwitchCatchesAFamily() {
        func kind(_ state: SQLState) -> String {
            switch state {
            case .uniqueViolation: "duplicate"
            case .integrityConstraintViolation: "constraint"
            case .connectionException, .adminShutdown: "unavailable"
            case .transactionRollback: "retry"
            default: "other"
            }
        }
        #expect(kind("23505") == "duplicate")
        #expect(kind("23503") == "constraint")
        #expect(kind("08006") == "unavailable")
        #expect(kind("57P01") == "unavailable")
        #expect(kind("40P01") == "retry")
        #expect(kind("42601") == "other")
    }

    @Test(arguments: [
        ("invalid input syntax for type integer: \"secret\"", "invalid input syntax for type integer: \"…\""),
        ("value \"99999999999\" is out of range for type integer", "value \"…\" is out of range for type integer"),
        ("invalid byte sequence for encoding \"UTF8\": 0x00", "invalid byte sequence for encoding \"…\""),
        ("invalid input syntax for type integer: \"a\"b\"", "invalid input syntax for type integer: \"…\""),
        ("division by zero", "division by zero"),
    ])
    func dataExceptionsWithholdTheQuotedInput(message: String, withheld: String) {
        #expect(PostgreSQLError.withholdingInput(message, state: .invalidTextRepresentation) == withheld)
    }

    @Test func otherClassesKeepTheirQuotedNames() {
        let message = "duplicate key value violates unique constraint \"items_email_key\""
        #expect(PostgreSQLError.withholdingInput(message, state: .uniqueViolation) == message)
    }

    @Test(arguments: ["/tmp/goodnews.sqlite", "goodnews.sqlite", "host=localhost", "http://example.org"])
    func onlyPostgreSQLURLsAreAccepted(text: String) {
        #expect(!Connection.isURL(text))
        #expect {
            try Connection(url: text)
        } throws: { error in
            guard let error = error as? PostgreSQLError else { return false }
            return error.state == .unableToConnect && error.message.contains("not a PostgreSQL URL")
        }
    }

    @Test func aMachineWithoutLibpqIsToldWhatToInstall() throws {
        guard case .failure(let error) = LibPQ.load(["libpq-that-is-not-there.so.5"]) else {
            throw TestFailure("a missing library loaded")
        }
        #expect(error.isConnectionError)
        #expect(error.message.contains("apt-get install libpq5"))
        #expect(error.message.contains("libpq-that-is-not-there.so.5"))
    }

    @Test func bothURLSchemesAreRecognised() {
        #expect(Connection.isURL("postgresql://localhost/goodnews"))
        #expect(Connection.isURL("postgres://localhost/goodnews"))
        #expect(Connection.isURL("postgresql://"))
    }
}
