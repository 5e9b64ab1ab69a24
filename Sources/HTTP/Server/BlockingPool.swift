import Threads
/// A fixed set of threads running blocking work (`.later` handlers) off the event loops.
/// Jobs queue under a mutex and wake a thread through a condition variable. The queue holds at most
/// `maxQueued` jobs waiting for a thread: past that, overload is answered at once (503) instead of
/// growing every client's wait.
final class BlockingPool: Sendable {
    typealias Job = @Sendable () -> Void

    enum Submission: Equatable {
        case queued
        /// `maxQueued` jobs are already waiting: the job was not taken.
        case full
        /// The pool is shutting down: the job was not taken.
        case stopping
    }

    private final class Queue: @unchecked Sendable {
        // @unchecked: every field is read and written only with `lock` held.
        let lock = ConditionLock()
        var jobs: [Job] = []
        var head = 0
        var stopping = false
        var running = 0
    }

    private let queue = Queue()
    private let threads: [PosixThread]
    private let maxQueued: Int

    init(size: Int, maxQueued: Int, name: String) throws(SystemError) {
        self.maxQueued = max(1, maxQueued)
        var threads: [PosixThread] = []
        let queue = self.queue
        for index in 0..<max(1, size) {
            threads.append(try PosixThread(name: "\(name)-\(index)") { BlockingPool.work(queue) })
        }
        self.threads = threads
    }

    /// Queues `job` unless the queue is full or the pool is shutting down.
    func submit(_ job: @escaping Job) -> Submission {
        queue.lock.withLock {
            guard !queue.stopping else { return .stopping }
            guard queue.jobs.count - queue.head < maxQueued else { return .full }
            queue.jobs.append(job)
            queue.lock.signal()
            return .queued
        }
    }

    /// Lets queued and running jobs finish until `deadline`, then joins the threads;
    /// threads still busy after it are detached and end on their own.
    func shutdown(deadline: UInt64) {
        queue.lock.withLock {
            queue.stopping = true
            queue.lock.broadcast()
            while queue.running > 0 || queue.head < queue.jobs.count {
                if !queue.lock.wait(until: deadline) { break }
            }
        }
        let finished = queue.lock.withLock { queue.running == 0 && queue.head >= queue.jobs.count }
        for thread in threads {
            if finished { thread.join() } else { thread.detach() }
        }
    }

    private static func work(_ queue: Queue) {
        while true {
            let job: Job? = queue.lock.withLock {
                while queue.head >= queue.jobs.count && !queue.stopping { queue.lock.wait() }
                guard queue.head < queue.jobs.count else { return nil }
                let job = queue.jobs[queue.head]
                queue.head += 1
                if queue.head == queue.jobs.count {
                    queue.jobs.removeAll(keepingCapacity: true)
                    queue.head = 0
                } else if queue.head >= 1024 {
                    queue.jobs.removeFirst(queue.head)
                    queue.head = 0
                }
                queue.running += 1
                return job
            }
            guard let job else { return }
            job()
            queue.lock.withLock {
                queue.running -= 1
                // Shutdown waits on the same condition for the last job to end.
                if queue.stopping { queue.lock.broadcast() }
            }
        }
    }
}
