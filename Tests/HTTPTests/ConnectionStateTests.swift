@testable import HTTP
import Testing

/// The connection state machine alone, driven with a fake clock (plain numbers).
@Suite struct ConnectionStateTests {
    let timeouts = ConnectionState.Timeouts(headerRead: 10, bodyRead: 30, idle: 60, write: 5)

    @Test func aNewConnectionStartsOnTheHeaderDeadline() {
        let state = ConnectionState(timeouts: timeouts, now: 100)
        #expect(state.phase == .idle)
        #expect(state.deadline == .init(kind: .firstRequest, at: 110))
    }

    @Test func aSilentNewConnectionIsClosedSilentlyAtTheHeaderDeadline() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        // Empty lines before a request line leave the parser idle: they do not move the deadline.
        #expect(state.waitForInput(.idle, now: 7) == .none)
        #expect(state.checkDeadline(now: 9) == .none)
        #expect(state.checkDeadline(now: 10) == .close)
        #expect(state.phase == .closing)
    }

    @Test func theFirstHeadMustArriveWithinTheHeaderTimeOutOfTheAccept() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        #expect(state.waitForInput(.head, now: 8) == .none)
        #expect(state.phase == .readingHead)
        #expect(state.deadline == .init(kind: .headerRead, at: 10))
        #expect(state.checkDeadline(now: 10) == .timeOut)
    }

    /// A connection that answered one request and waits, idle, for the next one.
    func keptAlive(at now: UInt64) -> ConnectionState {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        _ = state.waitForInput(.head, now: 0)
        state.requestReceived()
        state.responseQueued(keepAlive: true, isStream: false)
        _ = state.outputFlushed(remaining: 0, progressed: true, now: now)
        _ = state.waitForInput(.idle, now: now)
        return state
    }

    @Test func headerDeadlineStartsAtTheFirstByteAndIsNotExtended() {
        var state = keptAlive(at: 1)
        #expect(state.waitForInput(.head, now: 5) == .none)
        #expect(state.deadline == .init(kind: .headerRead, at: 15))
        #expect(state.waitForInput(.head, now: 9) == .none)
        #expect(state.deadline == .init(kind: .headerRead, at: 15))
        #expect(state.checkDeadline(now: 14) == .none)
        #expect(state.checkDeadline(now: 15) == .timeOut)
        #expect(state.phase == .closing)
    }

    @Test func bodyDeadlineFollowsTheHead() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        _ = state.waitForInput(.head, now: 1)
        _ = state.waitForInput(.body, now: 4)
        #expect(state.phase == .readingBody)
        #expect(state.deadline == .init(kind: .bodyRead, at: 34))
        #expect(state.checkDeadline(now: 40) == .timeOut)
    }

    @Test func idleDeadlineBetweenRequestsClosesSilently() {
        var state = keptAlive(at: 2)
        #expect(state.deadline == .init(kind: .idle, at: 62))
        #expect(state.checkDeadline(now: 61) == .none)
        #expect(state.checkDeadline(now: 62) == .close)
    }

    @Test func aKeepAliveExchangeReturnsToIdle() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        _ = state.waitForInput(.head, now: 1)
        state.requestReceived()
        #expect(state.phase == .awaitingHandler)
        #expect(state.deadline == nil)
        state.responseQueued(keepAlive: true, isStream: false)
        #expect(state.phase == .writing)
        #expect(state.outputFlushed(remaining: 0, progressed: true, now: 2) == .processBuffered)
        #expect(state.phase == .idle)
        #expect(state.deadline == .init(kind: .idle, at: 62))
    }

    @Test func aClosingAnswerClosesOnceWritten() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        state.requestReceived()
        state.responseQueued(keepAlive: false, isStream: false)
        #expect(state.closeAfterOutput)
        #expect(state.outputFlushed(remaining: 10, progressed: true, now: 1) == .awaitWritable)
        #expect(state.outputFlushed(remaining: 0, progressed: true, now: 2) == .close)
    }

    @Test func stuckOutputTimesOutButProgressRearmsTheDeadline() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        state.requestReceived()
        state.responseQueued(keepAlive: true, isStream: false)
        #expect(state.outputFlushed(remaining: 100, progressed: true, now: 10) == .awaitWritable)
        #expect(state.deadline == .init(kind: .write, at: 15))
        _ = state.outputFlushed(remaining: 100, progressed: false, now: 12)
        #expect(state.deadline == .init(kind: .write, at: 15))
        _ = state.outputFlushed(remaining: 50, progressed: true, now: 14)
        #expect(state.deadline == .init(kind: .write, at: 19))
        #expect(state.checkDeadline(now: 19) == .close)
    }

    @Test func aPendingHandlerIsNotTimedOut() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        state.requestReceived()
        #expect(state.checkDeadline(now: 1_000_000) == .none)
        #expect(state.outputFlushed(remaining: 0, progressed: false, now: 5) == .none)
        #expect(state.phase == .awaitingHandler)
    }

    @Test func halfCloseDuringAHandlerAnswersThenCloses() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        state.requestReceived()
        #expect(state.inputClosed() == .none)
        state.responseQueued(keepAlive: true, isStream: false)
        #expect(state.outputFlushed(remaining: 0, progressed: true, now: 1) == .processBuffered)
        #expect(state.waitForInput(.idle, now: 1) == .close)
    }

    @Test(arguments: [ConnectionState.Phase.idle, .readingHead, .readingBody, .streaming])
    func endOfInputClosesWhenNothingCanComplete(_ phase: ConnectionState.Phase) {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        switch phase {
        case .readingHead: _ = state.waitForInput(.head, now: 0)
        case .readingBody: _ = state.waitForInput(.body, now: 0)
        case .streaming: state.requestReceived(); state.responseQueued(keepAlive: true, isStream: true)
        default: break
        }
        #expect(state.phase == phase)
        #expect(state.inputClosed() == .close)
    }

    @Test func streamsHaveNoDeadlineUntilOutputIsStuck() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        state.requestReceived()
        state.responseQueued(keepAlive: true, isStream: true)
        #expect(state.outputFlushed(remaining: 0, progressed: true, now: 1) == .none)
        #expect(state.deadline == nil)
        #expect(state.outputFlushed(remaining: 9, progressed: true, now: 2) == .awaitWritable)
        #expect(state.phase == .streaming)
        #expect(state.deadline?.kind == .write)
        #expect(state.outputFlushed(remaining: 0, progressed: true, now: 3) == .none)
        #expect(state.deadline == nil)
        state.streamEnded()
        #expect(state.outputFlushed(remaining: 0, progressed: true, now: 4) == .processBuffered)
    }

    @Test func shutdownClosesIdleConnectionsAndDrainsBusyOnes() {
        var idle = ConnectionState(timeouts: timeouts, now: 0)
        #expect(idle.shutdownRequested() == .close)

        var reading = ConnectionState(timeouts: timeouts, now: 0)
        _ = reading.waitForInput(.head, now: 0)
        #expect(reading.shutdownRequested() == .none)
        reading.requestReceived()
        #expect(!reading.allowsKeepAlive(true))
        reading.responseQueued(keepAlive: true, isStream: false)
        #expect(reading.outputFlushed(remaining: 0, progressed: true, now: 1) == .close)

        var streaming = ConnectionState(timeouts: timeouts, now: 0)
        streaming.requestReceived()
        streaming.responseQueued(keepAlive: true, isStream: true)
        #expect(streaming.shutdownRequested() == .finishStream)
        streaming.streamEnded()
        #expect(streaming.outputFlushed(remaining: 0, progressed: true, now: 1) == .close)
    }

    @Test func shutdownClosesAConnectionThatFinishedItsLastRequest() {
        var state = ConnectionState(timeouts: timeouts, now: 0)
        _ = state.waitForInput(.head, now: 0)
        _ = state.shutdownRequested()
        #expect(state.waitForInput(.idle, now: 1) == .close)
    }
}
