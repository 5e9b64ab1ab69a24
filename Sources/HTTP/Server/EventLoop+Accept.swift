import Glibc

extension EventLoop {
    /// One listening socket, shared by every loop with EPOLLEXCLUSIVE so a connection wakes one loop, not all.
    /// We chose it over one SO_REUSEPORT socket per loop because a REUSEPORT group silently admits a second
    /// server process of the same user on the same port (a mistaken second start would split traffic instead
    /// of failing with EADDRINUSE), and closing one socket of the group resets the connections queued on it.
    /// EXCLUSIVE alone wakes the first idle loop, which would take a whole burst of connections; so the loop
    /// that accepts places each connection on the least-loaded loop (`placeConnection`).
    func listen() throws(SystemError) {
        try epoll.add(context.listener.descriptor.rawValue, events: EpollEvents.input | EpollEvents.exclusive,
                      tag: EventLoop.listenerTag)
    }

    func stopListening() {
        epoll.remove(context.listener.descriptor.rawValue)
    }

    /// Accepts what is waiting, a bounded batch per wake-up so the loop's own connections are not starved.
    /// The global cap is checked here (an atomic count); the per-client cap by the loop that owns the client.
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
            let socket = FileDescriptor(fd)
            let open = context.openConnections.wrappingAdd(1, ordering: .relaxed).newValue
            if open > context.connectionCap {
                context.openConnections.wrappingSubtract(1, ordering: .relaxed)
                refuse(socket, EventLoop.serverFull)
                continue
            }
            let (client, address) = withUnsafePointer(to: &peer) { (ClientConnections.Key($0), Syscall.describe($0).host) }
            let owner = peers.isEmpty ? self : peers[client.shard(of: peers.count)]
            if owner === self {
                admit(socket, client: client, address: address)
            } else {
                owner.post(.admit(socket, client: client, address: address))
            }
        }
    }

    /// On the loop that counts `client`: refuses the connection past `maxConnectionsPerAddress`, else counts
    /// it and places it.
    func admit(_ socket: FileDescriptor, client: ClientConnections.Key, address: String) {
        guard clients.admit(client, limit: context.configuration.maxConnectionsPerAddress) else {
            context.openConnections.wrappingSubtract(1, ordering: .relaxed)
            refuse(socket, EventLoop.clientFull)
            return
        }
        // Small answers must not wait for Nagle's algorithm.
        try? Syscall.setOption(socket.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        placeConnection(socket, address: address, client: AdmittedClient(key: client, owner: self))
    }

    /// Hands the connection to the loop with the fewest open connections (this one on a tie). The load is
    /// counted at once, so a burst accepted in one batch spreads over the loops.
    private func placeConnection(_ socket: FileDescriptor, address: String, client: AdmittedClient) {
        var target = self
        var lowest = load.load(ordering: .relaxed)
        for peer in peers where peer !== self {
            let peerLoad = peer.load.load(ordering: .relaxed)
            if peerLoad < lowest {
                lowest = peerLoad
                target = peer
            }
        }
        target.load.wrappingAdd(1, ordering: .relaxed)
        if target === self {
            adopt(socket, address: address, client: client)
        } else {
            target.post(.adopt(socket, address: address, client: client))
        }
    }

    /// Registers an accepted connection with this loop (load already counted by the placing loop).
    func adopt(_ socket: FileDescriptor, address: String, client: AdmittedClient) {
        let fd = socket.rawValue
        serial = serial == UInt32.max - 2 ? 1 : serial &+ 1
        let tag = UInt64(serial) << 32 | UInt64(UInt32(bitPattern: fd))
        guard drainDeadline == nil, (try? epoll.add(fd, events: EpollEvents.input, tag: tag)) != nil else {
            EventLoop.release(socket, client: client, from: self)
            return
        }
        let connection = Connection(loop: self, socket: socket, tag: tag, remoteAddress: address, client: client)
        let slot = Int(fd)
        if slot >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: slot - connections.count + 64))
        }
        connections[slot] = connection
        openCount += 1
    }

    /// Closes a connection that never became a `Connection`, undoing its counts (any thread).
    static func release(_ socket: FileDescriptor, client: AdmittedClient, from loop: EventLoop) {
        socket.close()
        loop.load.wrappingSubtract(1, ordering: .relaxed)
        loop.context.openConnections.wrappingSubtract(1, ordering: .relaxed)
        client.owner.post(.released(client.key))
    }

    static let serverFull = Problem(status: 503, detail: "Too many open connections; retry shortly.",
                                    headers: ["Retry-After": "1"], closeConnection: true)
    static let clientFull = Problem(status: 503, detail: "Too many open connections from your address; retry shortly.",
                                    headers: ["Retry-After": "1"], closeConnection: true)

    /// Over a connection cap: a 503 (best effort) and close, so the client learns why.
    private func refuse(_ socket: FileDescriptor, _ problem: Problem) {
        var answer: [UInt8] = []
        let response = problem.response
        ResponseHead.append(status: 503, headers: response.headers, framing: .length(response.bodyCount),
                            connection: .close, date: date.headerLine, to: &answer)
        if case .bytes(let body) = response.body { answer.append(contentsOf: body) }
        // Read what already arrived so close sends FIN, not a reset that could destroy the answer in flight.
        _ = try? Syscall.read(socket.rawValue, into: readBuffer)
        Syscall.sendOnce(socket.rawValue, answer)
        Syscall.shutdownWrite(socket.rawValue)
        socket.close()
    }

    /// Called by a connection as it closes.
    func forget(_ connection: Connection) {
        let slot = Int(connection.tag & 0xFFFF_FFFF)
        if slot < connections.count, connections[slot] === connection {
            connections[slot] = nil
            openCount -= 1
            load.wrappingSubtract(1, ordering: .relaxed)
            context.openConnections.wrappingSubtract(1, ordering: .relaxed)
            let client = connection.client
            if client.owner === self { clients.release(client.key) } else { client.owner.post(.released(client.key)) }
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
