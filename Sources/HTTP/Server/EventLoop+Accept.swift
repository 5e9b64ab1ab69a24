import Glibc

extension EventLoop {
    /// The listening socket is shared by every loop and registered with EPOLLEXCLUSIVE, so one connection
    /// wakes one loop instead of all. We chose one shared socket over SO_REUSEPORT per loop because
    /// REUSEPORT hashes each connection to a fixed loop's queue even when that loop is busy, port 0 would
    /// need a bind-then-rebind dance, and closing one of the sockets resets the connections queued on it.
    func listen() throws(SystemError) {
        try epoll.add(context.listener.descriptor.rawValue, events: EpollEvents.input | EpollEvents.exclusive,
                      tag: EventLoop.listenerTag)
    }

    func stopListening() {
        epoll.remove(context.listener.descriptor.rawValue)
    }

    /// Accepts what is waiting, a bounded batch per wake-up so one loop does not take every connection of a burst.
    func acceptConnections() {
        var peer = sockaddr_storage()
        for _ in 0..<64 {
            let accepted: Int32?
            do {
                accepted = try withUnsafeMutablePointer(to: &peer) { pointer throws(SystemError) in
                    try Syscall.accept(context.listener.descriptor.rawValue, peer: pointer)
                }
            } catch {
                // Out of descriptors or memory: level-triggered epoll would spin, so pause accepting briefly.
                context.logger.warn("accept paused", ["error": error.description])
                stopListening()
                acceptResumesAt = now &+ 100_000_000
                return
            }
            guard let fd = accepted else { return }
            adopt(fd, peer: &peer)
        }
    }

    private func adopt(_ fd: Int32, peer: inout sockaddr_storage) {
        let socket = FileDescriptor(fd)
        let open = context.openConnections.wrappingAdd(1, ordering: .relaxed).newValue
        if open > context.configuration.maxConnections {
            context.openConnections.wrappingSubtract(1, ordering: .relaxed)
            refuseOverload(socket)
            return
        }
        // Small answers must not wait for Nagle's algorithm.
        try? Syscall.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        serial = serial == UInt32.max - 2 ? 1 : serial &+ 1
        let tag = UInt64(serial) << 32 | UInt64(UInt32(bitPattern: fd))
        do {
            try epoll.add(fd, events: EpollEvents.input, tag: tag)
        } catch {
            context.openConnections.wrappingSubtract(1, ordering: .relaxed)
            return
        }
        let address = withUnsafePointer(to: &peer) { Syscall.describe($0).host }
        let connection = Connection(loop: self, socket: socket, tag: tag, remoteAddress: address)
        let slot = Int(fd)
        if slot >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: slot - connections.count + 64))
        }
        connections[slot] = connection
        openCount += 1
    }

    /// Over `maxConnections`: a 503 (best effort) and close, so the client learns why.
    private func refuseOverload(_ socket: FileDescriptor) {
        var answer: [UInt8] = []
        let problem = Problem(status: 503, detail: "Too many open connections; retry shortly.",
                              headers: ["Retry-After": "1"], closeConnection: true)
        let response = problem.response
        ResponseHead.append(status: 503, headers: response.headers, framing: .length(response.bodyCount),
                            connection: .close, date: date.headerLine, to: &answer)
        if case .bytes(let body) = response.body { answer.append(contentsOf: body) }
        // Read what already arrived so close sends FIN, not a reset that could destroy the answer in flight.
        _ = try? Syscall.read(socket.rawValue, into: readBuffer)
        Syscall.sendOnce(socket.rawValue, answer)
        _ = Glibc.shutdown(socket.rawValue, Int32(SHUT_WR))
        socket.close()
    }

    /// Called by a connection as it closes.
    func forget(_ connection: Connection) {
        let slot = Int(connection.tag & 0xFFFF_FFFF)
        if slot < connections.count, connections[slot] === connection {
            connections[slot] = nil
            openCount -= 1
            context.openConnections.wrappingSubtract(1, ordering: .relaxed)
        }
    }

    func beginShutdown(deadline: UInt64) {
        guard drainDeadline == nil else { return }
        drainDeadline = deadline
        acceptResumesAt = nil
        stopListening()
        for fd in connections.indices { connections[fd]?.shutdownRequested() }
    }
}
