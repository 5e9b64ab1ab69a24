import Threads

/// A failed system call and its `errno` (defined in `Threads`, where thread start-up throws it too); the
/// alias keeps it part of HTTP's API, as socket calls throw it.
public typealias SystemError = Threads.SystemError
