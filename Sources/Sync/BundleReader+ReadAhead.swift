import CourseModels
import CourseStore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension BundleReader {
    /// `read`, with the reading itself (lexing, checking, re-encoding and hashing each record)
    /// on a thread of its own, a few hundred records ahead of `visitor`, which runs on the
    /// calling thread as before, in file order, with `signatures` set before each record as
    /// before.
    ///
    /// An import spends about as long reading a record as storing and grading it; on one thread
    /// the two take turns, here they overlap. What the visitor sees, and what is thrown, is the
    /// same as `read`'s: the records in order, then the reader's error or summary. When the
    /// visitor throws, the reader is stopped and that error is thrown.
    ///
    /// The reader runs at most `chunksAhead` chunks of `chunkSize` records ahead, so memory stays
    /// bounded whatever the file's size.
    func readAhead(_ visitor: Visitor, signatures: Signatures = Signatures(), chunkSize: Int = 256,
                   chunksAhead: Int = 8) throws -> Summary {
        let channel = RecordChannel(chunkSize: max(chunkSize, 1), capacity: max(chunksAhead, 1))
        let reader = self
        try startThread(stackSize: 1 << 22) {
            var recorder = Visitor()
            let seen = Signatures()
            recorder.header = { try channel.send(.header($0)) }
            recorder.enrolment = { try channel.send(.enrolment($0, line: $1)) }
            recorder.learner = { try channel.send(.learner($0, line: $1)) }
            recorder.attempt = { attempt, index, line in
                try channel.send(.attempt(attempt, index: index, line: line, signature: seen.attempt, chain: seen.chain))
            }
            recorder.review = { review, line in
                try channel.send(.review(review, line: line, signer: seen.reviewSigner, signature: seen.review))
            }
            recorder.merge = { try channel.send(.merge($0, index: $1, line: $2)) }
            channel.finish(Result { try reader.read(recorder, signatures: seen) })
        }
        defer { channel.stopAndWait() }
        while let records = channel.receive() {
            for record in records {
                switch record {
                case let .header(header):
                    try visitor.header(header)
                case let .enrolment(enrolment, line):
                    try visitor.enrolment(enrolment, line)
                case let .learner(learner, line):
                    try visitor.learner(learner, line)
                case let .attempt(attempt, index, line, signature, chain):
                    signatures.attempt = signature
                    signatures.chain = chain
                    try visitor.attempt(attempt, index, line)
                case let .review(review, line, signer, signature):
                    signatures.reviewSigner = signer
                    signatures.review = signature
                    try visitor.review(review, line)
                case let .merge(merge, index, line):
                    try visitor.merge(merge, index, line)
                }
            }
        }
        return try channel.outcome()
    }
}

/// One record as the reader handed it out, with the signature fields it came with.
private enum ReadRecord {
    case header(BundleHeader)
    case enrolment(ProvenanceRepository.Enrolment, line: Int)
    case learner(Learner, line: Int)
    case attempt(Attempt, index: Int, line: Int, signature: Data?, chain: ProvenanceRepository.ChainLink?)
    case review(Review, line: Int, signer: Data?, signature: Data?)
    case merge(LearnerRepository.Merge, index: Int, line: Int)
}

/// Records passed from the reading thread to the visiting one in chunks, at most `capacity`
/// chunks ahead.
private final class RecordChannel: @unchecked Sendable {
    private let chunkSize: Int
    private let capacity: Int
    private let condition = Condition()
    private var chunks: [[ReadRecord]] = []
    private var filling: [ReadRecord] = []
    private var result: Result<BundleReader.Summary, any Error>?
    private var stopped = false
    private var done = false

    init(chunkSize: Int, capacity: Int) {
        self.chunkSize = chunkSize
        self.capacity = capacity
    }

    /// Thrown into the reader when the visitor has stopped listening.
    struct Stopped: Error {}

    /// The reader's side: queues a record, waiting while the visitor is `capacity` chunks behind.
    func send(_ record: ReadRecord) throws {
        filling.append(record)
        guard filling.count >= chunkSize else { return }
        try flush()
    }

    private func flush() throws {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !stopped { condition.wait() }
        if stopped { throw Stopped() }
        chunks.append(filling)
        filling = []
        condition.broadcast()
    }

    /// The reader's side, last: what the read returned or threw, after the records before it.
    func finish(_ outcome: Result<BundleReader.Summary, any Error>) {
        var outcome = outcome
        if case .success = outcome, !filling.isEmpty {
            do { try flush() } catch { outcome = .failure(error) }
        }
        condition.lock()
        // After an error, the records read before it still reach the visitor, as with `read`.
        if !filling.isEmpty && !stopped { chunks.append(filling) }
        filling = []
        result = outcome
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// The visitor's side: the next chunk, or nil once the reader has finished and every
    /// chunk has been taken.
    func receive() -> [ReadRecord]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !done { condition.wait() }
        guard !chunks.isEmpty else { return nil }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// The visitor's side, at the end: the reader's summary, or its error.
    func outcome() throws -> BundleReader.Summary {
        condition.lock()
        defer { condition.unlock() }
        guard let result else { throw Stopped() }
        return try result.get()
    }

    /// The visitor's side, always: tells the reader to stop (if it has not finished) and waits
    /// until it has, so that no reading outlives the call.
    func stopAndWait() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
        while !done { condition.wait() }
    }
}

/// Starts `body` on a new detached thread with a stack of `stackSize` bytes (what Foundation's
/// `Thread` does, without the full Foundation, which the learner's `course` does not link).
/// - Throws: `ThreadFailure` when the system refuses another thread.
private func startThread(stackSize: Int, _ body: @escaping @Sendable () -> Void) throws {
    final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, stackSize)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
    #if canImport(Darwin)
    var thread: pthread_t?
    #else
    var thread = pthread_t()
    #endif
    let status = pthread_create(&thread, &attributes, { context in
        let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
        box.body()
        return nil
    }, context)
    guard status == 0 else {
        Unmanaged<Box>.fromOpaque(context).release()
        throw ThreadFailure(reason: String(cString: strerror(status)))
    }
}

/// The system refused to start the reading thread.
struct ThreadFailure: Error, CustomStringConvertible {
    let reason: String
    var description: String { "no thread could be started to read the bundle (\(reason)): try again with fewer programs running" }
}

/// A mutex with one condition variable (`NSCondition`'s `lock`, `unlock`, `wait`, `broadcast`),
/// over pthreads.
private final class Condition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    /// Waits for a `broadcast`, the mutex released meanwhile; the caller holds it before and after.
    func wait() { pthread_cond_wait(condition, mutex) }
    func broadcast() { pthread_cond_broadcast(condition) }
}
