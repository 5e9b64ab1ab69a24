import PostgreSQL
import Testing

@Suite(.enabled(if: TestServer.isConfiguredOrRequired))
struct NotificationTests {
    @Test func aNotificationReachesAnotherConnectionWithItsPayload() throws {
        let listener = try TestServer.connect()
        let sender = try TestServer.connect()
        try listener.listen("news")
        let payload = "post 42 changed: héllo ✓ 'quoted' \"double\""
        let start = ContinuousClock.now
        try sender.notify("news", payload: payload)
        let received = try listener.nextNotification(timeout: .seconds(5))
        #expect(elapsed(since: start) < .seconds(5))
        #expect(received == ChannelNotification(channel: "news", payload: payload, senderProcessID: sender.backendProcessID))
    }

    @Test func nothingArrivesWithinTheTimeout() throws {
        let listener = try TestServer.connect()
        try listener.listen("quiet")
        let start = ContinuousClock.now
        #expect(try listener.nextNotification(timeout: .milliseconds(200)) == nil)
        #expect(elapsed(since: start) >= .milliseconds(200))
        #expect(elapsed(since: start) < .seconds(5))
    }

    @Test func aNotificationWaitsForItsTransactionToCommit() throws {
        let listener = try TestServer.connect()
        let sender = try TestServer.connect()
        try listener.listen("tallies")
        try sender.transaction {
            try sender.notify("tallies", payload: "case 7")
            #expect(try listener.nextNotification(timeout: .milliseconds(100)) == nil)
        }
        #expect(try listener.nextNotification(timeout: .seconds(5))?.payload == "case 7")
        // A rolled-back transaction's notification is never sent.
        #expect(throws: TestFailure.self) {
            try sender.transaction {
                try sender.notify("tallies", payload: "never")
                throw TestFailure("roll back")
            }
        }
        try sender.notify("tallies", payload: "after")
        #expect(try listener.nextNotification(timeout: .seconds(5))?.payload == "after")
    }

    @Test func notificationsReadDuringOtherCommandsAreKept() throws {
        let listener = try TestServer.connect()
        let sender = try TestServer.connect()
        try listener.listen("queue")
        for index in 1...3 { try sender.notify("queue", payload: "\(index)") }
        // A query on the listener takes the notifications in with its own answer.
        try sender.execute("SELECT 1")
        _ = try listener.query("SELECT pg_sleep(0.05)")
        var payloads: [String] = []
        while payloads.count < 3, let notification = try listener.nextNotification(timeout: .seconds(5)) {
            payloads.append(notification.payload)
        }
        #expect(payloads == ["1", "2", "3"])
    }

    @Test func channelNamesAreQuotedIdentifiers() throws {
        let listener = try TestServer.connect()
        let sender = try TestServer.connect()
        let channel = "Mixed \"Case\"; DROP TABLE x"
        try listener.listen(channel)
        try sender.notify(channel, payload: "exact")
        try sender.notify(channel.lowercased(), payload: "other channel")
        let received = try listener.nextNotification(timeout: .seconds(5))
        #expect(received?.channel == channel)
        #expect(received?.payload == "exact")
        #expect(try listener.nextNotification(timeout: .milliseconds(100)) == nil)
    }

    @Test func unlistenStopsDelivery() throws {
        let listener = try TestServer.connect()
        let sender = try TestServer.connect()
        try listener.listen("a")
        try listener.listen("b")
        try listener.unlisten("a")
        try sender.notify("a", payload: "dropped")
        try sender.notify("b", payload: "kept")
        #expect(try listener.nextNotification(timeout: .seconds(5))?.payload == "kept")
    }
}
