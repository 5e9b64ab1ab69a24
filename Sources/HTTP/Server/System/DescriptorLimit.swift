import Glibc

/// The process's open-file limit (`RLIMIT_NOFILE`), and how many connections fit under it.
/// Every connection is a descriptor; when they run out, `accept4` fails and new clients hear nothing at all,
/// so the server keeps its connection cap below the limit and answers 503 instead.
enum DescriptorLimit {
    /// Descriptors kept free beyond those open at start: files the database opens later (journals, temporary
    /// files of large sorts), the socket each loop holds while it refuses a connection, and whatever else
    /// the process opens meanwhile, and the sealed files of repeated bodies (`SealedBodies.maxFiles`).
    static let margin = 64 + SealedBodies.maxFiles

    /// Raises the soft limit to the hard one, as Go's runtime does at start (the soft default, often 1,024,
    /// is kept low for programs using select(2), which this one does not). Returns the soft limit then in force.
    static func raiseSoftLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }

    /// Descriptors open now, counted in /proc/self/fd (nil where there is none).
    static func openDescriptors() -> Int? {
        guard let directory = opendir("/proc/self/fd") else { return nil }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            if entry.pointee.d_name.0 != 0x2E { count += 1 }  // ".", ".."
        }
        // The directory stream's own descriptor is among them.
        return max(0, count - 1)
    }

    /// `maxConnections`, or as many connections as fit under `limit` next to `inUse` descriptors and the margin
    /// (at least one, so a misjudged margin still serves; accept's pause on EMFILE remains the last resort).
    static func connectionCap(maxConnections: Int, limit: Int, inUse: Int) -> Int {
        max(1, min(maxConnections, limit - inUse - margin))
    }

    private static var resource: __rlimit_resource_t { __rlimit_resource_t(RLIMIT_NOFILE.rawValue) }
}
