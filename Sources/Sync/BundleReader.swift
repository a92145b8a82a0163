import CourseModels
import CourseStore
import Crypto
import Foundation

/// Reads a bundle file as a stream: checks its syntax, format, version, every field and the
/// rules internal to one bundle (no repeated ids, every attempt's learner listed, every review's
/// attempt carried), recomputes the digest of its canonical payload and compares it with the
/// stated one, handing each record to a visitor as it goes.
///
/// Memory stays bounded by the largest record (text fields are capped at
/// `BundleFormat.maximumTextBytes`) plus the set of attempt ids, whatever the file's size.
struct BundleReader {
    /// What the reader hands out, in file order. A visitor must not act on anything before
    /// `read` returns: the digest is only known to match at the end.
    struct Visitor {
        var header: (BundleHeader) throws -> Void = { _ in }
        var learner: (Learner, _ line: Int) throws -> Void = { _, _ in }
        var attempt: (Attempt, _ index: Int, _ line: Int) throws -> Void = { _, _, _ in }
        var review: (Review, _ line: Int) throws -> Void = { _, _ in }
        /// Version 2 and later: a device enrolment, before the learners.
        var enrolment: (ProvenanceRepository.Enrolment, _ line: Int) throws -> Void = { _, _ in }
        /// Version 3, optional section after the reviews: a learner merge, with its 1-based index.
        var merge: (LearnerRepository.Merge, _ index: Int, _ line: Int) throws -> Void = { _, _, _ in }
    }

    /// The signature fields of the record just handed to the visitor (version 2; nil otherwise
    /// or when the record is unsigned). Set before each `attempt` and `review` call.
    final class Signatures {
        var attempt: Data?
        /// The attempt's hash-chain link (version 3; nil when it carries none).
        var chain: ProvenanceRepository.ChainLink?
        var reviewSigner: Data?
        var review: Data?
    }

    /// What a complete read found.
    struct Summary: Hashable {
        var header: BundleHeader
        var learners: Int
        var attempts: Int
        var reviews: Int
        var merges: Int
        var digest: String
        var bytes: Int
    }

    let path: String
    /// When false, the checks that need memory per attempt (repeated ids, reviews' attempts)
    /// are skipped: for a second pass over a file already checked.
    var checksIdentity = true

    init(path: String, checksIdentity: Bool = true) {
        self.path = path
        self.checksIdentity = checksIdentity
    }

    /// Reads the whole bundle.
    /// - Throws: `BundleError` for anything wrong with the file, or whatever the visitor threw.
    func read(_ visitor: Visitor, signatures: Signatures = Signatures()) throws -> Summary {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw BundleError(path: path, problem: .cannotOpen(reason: String(cString: strerror(errno))))
        }
        let scanner = JSONLexer<BundleError.Problem>(descriptor: descriptor)
        let state = ReadState(scanner: scanner, checksIdentity: checksIdentity, visitor: visitor, signatures: signatures)
        do {
            return try state.readBundle()
        } catch let problem as BundleError.Problem {
            throw BundleError(path: path, problem: problem)
        }
    }
}

/// The mutable side of one read.
private final class ReadState {
    let scanner: JSONLexer<BundleError.Problem>
    let checksIdentity: Bool
    let visitor: BundleReader.Visitor
    let signatures: BundleReader.Signatures
    var version = BundleFormat.version
    var hasher = SHA256()
    var canonical = CanonicalJSON(capacity: 4096)
    var learnerIDs: Set<UUID> = []
    var attemptIDs: Set<UUID> = []
    var reviewedIDs: Set<UUID> = []

    init(scanner: JSONLexer<BundleError.Problem>, checksIdentity: Bool, visitor: BundleReader.Visitor, signatures: BundleReader.Signatures) {
        self.scanner = scanner
        self.checksIdentity = checksIdentity
        self.visitor = visitor
        self.signatures = signatures
    }

    typealias Problem = BundleError.Problem

    func readBundle() throws -> BundleReader.Summary {
        try readOpening()
        try topKey("format")
        let format = try scanner.readString(limit: BundleFormat.maximumNameBytes)
        guard format == BundleFormat.name else { throw Problem.unknownFormat(format) }
        try nextTopKey("version")
        let versionText = try scanner.readNumberText()
        guard let version = Int(versionText) else { throw Problem.versionNotInteger(versionText) }
        self.version = version
        if version > BundleFormat.version { throw Problem.newerVersion(version) }
        guard version >= 1 else { throw Problem.unsupportedVersion(version) }

        let record = RecordName(kind: "the bundle header", index: 0)
        try nextTopKey("deviceID")
        let deviceID = try uuid(record, "deviceID")
        try nextTopKey("exportedAt")
        let exportedAt = try timestamp(record, "exportedAt")
        try nextTopKey("contentVersion")
        let contentVersion = try name(record, "contentVersion")
        let header = BundleHeader(format: format, version: version, deviceID: deviceID,
                                  exportedAt: exportedAt, contentVersion: contentVersion)
        canonical.removeAll()
        canonical.raw("H")
        canonical.header(header)
        hashRecord()
        try visitor.header(header)

        if version >= 2 { _ = try readSection("enrolments", readEnrolment) }
        let learners = try readSection("learners", readLearner)
        let attempts = try readSection("attempts", readAttempt)
        let reviews = try readSection("reviews", readReview)
        var merges = 0
        if version < 3 {
            try nextTopKey("digest")
        } else if try nextTopKey("digest", or: "merges") {
            merges = try readArray(readMerge)
            try nextTopKey("digest")
        }
        let stated = try scanner.readString(limit: BundleFormat.maximumNameBytes)
        guard try !scanner.commaOr(UInt8(ascii: "}")) else {
            throw Problem.syntax(line: scanner.line, message: "expected the bundle to end after its 'digest'")
        }
        if try scanner.skipWhitespace() != nil { throw Problem.trailingData(line: scanner.line) }
        let computed = BundleFormat.digestPrefix + hasher.finalize().lowercaseHex
        guard stated.lowercased() == computed else { throw Problem.digestMismatch(stated: stated, computed: computed) }
        return .init(header: header, learners: learners, attempts: attempts, reviews: reviews, merges: merges, digest: computed,
                     bytes: scanner.bytesRead)
    }

    private func readOpening() throws(Problem) {
        var first = try scanner.peek()
        if first == nil { throw .empty }
        // A UTF-8 byte-order mark is tolerated; UTF-16 and UTF-32 ones are not UTF-8.
        if first == 0xEF {
            for expected: UInt8 in [0xEF, 0xBB, 0xBF] {
                guard try scanner.peek() == expected else { throw .notUTF8(line: 1) }
                scanner.advance()
            }
            first = try scanner.peek()
        }
        if first == 0xFE || first == 0xFF || first == 0x00 { throw .notUTF8(line: 1) }
        guard let byte = try scanner.skipWhitespace() else { throw .empty }
        guard byte == UInt8(ascii: "{") else {
            if byte >= 0x80 { throw .notUTF8(line: scanner.line) }
            throw .notJSON(found: JSONLexer<Problem>.shown(byte))
        }
        scanner.advance()
    }

    private func topKey(_ expected: String) throws(Problem) {
        let line = scanner.line
        let found = try scanner.readString(limit: BundleFormat.maximumNameBytes)
        guard found == expected else { throw .outOfOrder(expected: expected, found: found, line: line) }
        try scanner.expect(UInt8(ascii: ":"), "':'")
    }

    private func nextTopKey(_ expected: String) throws(Problem) {
        guard try scanner.commaOr(UInt8(ascii: "}")) else {
            throw .missingField(record: "the bundle", field: expected, line: scanner.line)
        }
        try topKey(expected)
    }

    /// Reads the next top-level key, which must be `expected` or the optional `optional`;
    /// returns true for the optional one.
    private func nextTopKey(_ expected: String, or optional: String) throws(Problem) -> Bool {
        guard try scanner.commaOr(UInt8(ascii: "}")) else {
            throw .missingField(record: "the bundle", field: expected, line: scanner.line)
        }
        let line = scanner.line
        let found = try scanner.readString(limit: BundleFormat.maximumNameBytes)
        guard found == expected || found == optional else { throw .outOfOrder(expected: expected, found: found, line: line) }
        try scanner.expect(UInt8(ascii: ":"), "':'")
        return found == optional
    }

    /// Reads the top-level `name` and its array of records, handing `record` each one's 1-based
    /// index; returns how many there were.
    private func readSection(_ name: String, _ record: (_ index: Int) throws -> Void) throws -> Int {
        try nextTopKey(name)
        return try readArray(record)
    }

    /// Reads an array of records, handing `record` each one's 1-based index; returns how many.
    private func readArray(_ record: (_ index: Int) throws -> Void) throws -> Int {
        try scanner.expect(UInt8(ascii: "["), "'['")
        if try scanner.skipWhitespace() == UInt8(ascii: "]") {
            scanner.advance()
            return 0
        }
        var count = 0
        repeat {
            count += 1
            try record(count)
        } while try scanner.commaOr(UInt8(ascii: "]"))
        return count
    }

    /// Adds the record in `canonical`, which starts with its tag, as one payload line.
    private func hashRecord() {
        canonical.byte(0x0A)
        hasher.update(data: canonical.bytes)
    }

    // MARK: Records

    /// Reads an object's members, calling `field` with the index of each key in `keys`;
    /// refuses unknown and repeated keys.
    private func readObject(_ record: RecordName, keys: [[UInt8]], _ field: (Int) throws -> Void) throws {
        try scanner.expect(UInt8(ascii: "{"), "'{' opening \(record)")
        if try scanner.skipWhitespace() == UInt8(ascii: "}") {
            scanner.advance()
            return
        }
        var seen: UInt64 = 0
        repeat {
            let line = scanner.line
            let found = try scanner.withStringBytes(limit: BundleFormat.maximumNameBytes) { bytes -> (Int?, String) in
                if let index = keys.firstIndex(of: bytes) { return (index, "") }
                return (nil, String(decoding: bytes, as: UTF8.self))
            }
            guard let index = found.0 else { throw Problem.unknownField(record: "\(record)", field: found.1, line: line) }
            try scanner.expect(UInt8(ascii: ":"), "':'")
            guard seen & (1 << index) == 0 else {
                throw Problem.duplicateField(record: "\(record)", field: String(decoding: keys[index], as: UTF8.self), line: line)
            }
            seen |= 1 << index
            try field(index)
        } while try scanner.commaOr(UInt8(ascii: "}"))
    }

    static let learnerKeys = ["id", "handle", "name", "createdAt"].map { Array($0.utf8) }
    static let attemptKeys = ["id", "learnerID", "exerciseID", "part", "answer", "submittedAt", "deviceID",
                              "graderVersion", "verdict", "score", "feedback", "mistake"].map { Array($0.utf8) }
    static let reviewKeys = ["attemptID", "reviewer", "accepted", "comment", "decidedAt"].map { Array($0.utf8) }
    static let attemptKeys2 = attemptKeys + [Array("signature".utf8)]
    static let attemptKeys3 = attemptKeys2 + ["chainPrevious", "chainSignature", "practice"].map { Array($0.utf8) }
    static let practiceKeys = ["family", "tier", "version", "seed"].map { Array($0.utf8) }
    static let reviewKeys2 = reviewKeys + ["signer", "signature"].map { Array($0.utf8) }
    static let mergeKeys = ["mergedID", "keptID", "mergedAt", "signer", "signature"].map { Array($0.utf8) }
    static let enrolmentKeys = ["learnerID", "deviceID", "publicKey", "enrolledAt", "enrolledBy", "signature"].map { Array($0.utf8) }

    private func readEnrolment(index: Int) throws {
        let record = RecordName(kind: "enrolment", index: index)
        var learnerID: UUID?, deviceID: UUID?, publicKey: Data??, enrolledAt: Date?, enrolledBy: UUID?, signature: Data??
        try readObject(record, keys: Self.enrolmentKeys) { key in
            switch key {
            case 0: learnerID = try uuid(record, "learnerID")
            case 1: deviceID = try uuid(record, "deviceID")
            case 2: publicKey = try base64(record, "publicKey", bytes: 32)
            case 3: enrolledAt = try timestamp(record, "enrolledAt")
            case 4: enrolledBy = try uuid(record, "enrolledBy")
            default: signature = try base64(record, "signature", bytes: 64)
            }
        }
        let line = scanner.line
        func missing(_ field: String) -> Problem { .missingField(record: "\(record)", field: field, line: line) }
        guard let learnerID else { throw missing("learnerID") }
        guard let deviceID else { throw missing("deviceID") }
        guard let publicKey = publicKey ?? nil else { throw missing("publicKey") }
        guard let enrolledAt else { throw missing("enrolledAt") }
        guard let enrolledBy else { throw missing("enrolledBy") }
        guard let signature = signature ?? nil else { throw missing("signature") }
        let enrolment = ProvenanceRepository.Enrolment(
            learnerID: learnerID, deviceID: deviceID, publicKey: publicKey, enrolledAt: enrolledAt,
            enrolledBy: enrolledBy, signature: signature)
        canonical.removeAll()
        canonical.raw("E")
        canonical.enrolment(enrolment)
        hashRecord()
        try visitor.enrolment(enrolment, line)
    }

    private func readLearner(index: Int) throws {
        let record = RecordName(kind: "learner", index: index)
        var id: UUID?, handle: String?, name: String?, createdAt: Date?
        try readObject(record, keys: Self.learnerKeys) { key in
            switch key {
            case 0: id = try uuid(record, "id")
            case 1: handle = try self.name(record, "handle")
            case 2: name = try text(record, "name")
            default: createdAt = try timestamp(record, "createdAt")
            }
        }
        let line = scanner.line
        func missing(_ field: String) -> Problem { .missingField(record: "\(record)", field: field, line: line) }
        guard let id else { throw missing("id") }
        guard let handle else { throw missing("handle") }
        guard let name else { throw missing("name") }
        guard let createdAt else { throw missing("createdAt") }
        do { try Learner.validate(handle: handle) } catch {
            throw Problem.invalidValue(record: "\(record)", field: "handle", expected: "a valid handle (\(error))", line: line)
        }
        guard learnerIDs.insert(id).inserted else { throw Problem.duplicateLearner(id: id, line: line) }
        let learner = Learner(id: id, handle: handle, displayName: name, createdAt: createdAt)
        canonical.removeAll()
        canonical.raw("L")
        canonical.learner(learner)
        hashRecord()
        try visitor.learner(learner, line)
    }

    private func readAttempt(index: Int) throws {
        let record = RecordName(kind: "attempt", index: index)
        var id: UUID?, learnerID: UUID?, exerciseID: String?, part: String?, answer: String?
        var submittedAt: Date?, deviceID: UUID?, graderVersion: String?, verdict: Verdict?, score: Double?
        var feedback: String?, mistake: String?, sawMistake = false, signature: Data??
        var chainPrevious: Data??, chainSignature: Data??
        var practice: PracticeSpec?, sawPractice = false
        let keys = version >= 3 ? Self.attemptKeys3 : version == 2 ? Self.attemptKeys2 : Self.attemptKeys
        try readObject(record, keys: keys) { key in
            switch key {
            case 0: id = try uuid(record, "id")
            case 1: learnerID = try uuid(record, "learnerID")
            case 2: exerciseID = try name(record, "exerciseID")
            case 3: part = try name(record, "part")
            case 4: answer = try text(record, "answer")
            case 5: submittedAt = try timestamp(record, "submittedAt")
            case 6: deviceID = try uuid(record, "deviceID")
            case 7: graderVersion = try name(record, "graderVersion")
            case 8:
                let line = scanner.line
                guard let value = Verdict(rawValue: try name(record, "verdict")) else {
                    throw Problem.invalidValue(record: "\(record)", field: "verdict",
                                               expected: "one of correct, incorrect, syntax-error, pending-review", line: line)
                }
                verdict = value
            case 9:
                let line = scanner.line
                guard let value = Double(try scanner.readNumberText()), (0...1).contains(value) else {
                    throw Problem.invalidValue(record: "\(record)", field: "score", expected: "a number from 0 to 1", line: line)
                }
                score = value
            case 10: feedback = try text(record, "feedback")
            case 12: signature = try base64(record, "signature", bytes: 64)
            case 13: chainPrevious = try base64(record, "chainPrevious", bytes: 32)
            case 14: chainSignature = try base64(record, "chainSignature", bytes: 64)
            case 15:
                sawPractice = true
                practice = try practiceSpec(record)
            default:
                sawMistake = true
                if try scanner.skipWhitespace() == UInt8(ascii: "n") {
                    guard try scanner.readLiteral() == nil else {
                        throw Problem.invalidValue(record: "\(record)", field: "mistake", expected: "a string or null", line: scanner.line)
                    }
                } else {
                    mistake = try name(record, "mistake")
                }
            }
        }
        let line = scanner.line
        func missing(_ field: String) -> Problem { .missingField(record: "\(record)", field: field, line: line) }
        guard let id else { throw missing("id") }
        guard let learnerID else { throw missing("learnerID") }
        guard let exerciseID else { throw missing("exerciseID") }
        guard let part else { throw missing("part") }
        guard let answer else { throw missing("answer") }
        guard let submittedAt else { throw missing("submittedAt") }
        guard let deviceID else { throw missing("deviceID") }
        guard let graderVersion else { throw missing("graderVersion") }
        guard let verdict else { throw missing("verdict") }
        guard let score else { throw missing("score") }
        guard let feedback else { throw missing("feedback") }
        guard sawMistake else { throw missing("mistake") }
        if version >= 2, signature == nil { throw missing("signature") }
        if version >= 3 {
            if chainPrevious == nil { throw missing("chainPrevious") }
            if chainSignature == nil { throw missing("chainSignature") }
        }
        var chain: ProvenanceRepository.ChainLink?
        switch (chainPrevious ?? nil, chainSignature ?? nil) {
        case (nil, nil): break
        case let (previous?, chainSigned?) where signature != nil:
            chain = .init(previous: previous, signature: chainSigned)
        default:
            throw Problem.invalidValue(record: "\(record)", field: "chainSignature",
                                       expected: "both chain fields set on a signed attempt, or both null", line: line)
        }
        if version >= 3, !sawPractice { throw missing("practice") }
        guard learnerIDs.contains(learnerID) else {
            throw Problem.unlistedLearner(record: "\(record)", learnerID: learnerID, line: line)
        }
        if checksIdentity, !attemptIDs.insert(id).inserted {
            throw Problem.duplicateAttempt(id: id, index: index, line: line)
        }
        let attempt = Attempt(
            id: id, learnerID: learnerID, exerciseID: exerciseID, part: part, answer: answer,
            submittedAt: submittedAt, deviceID: deviceID, graderVersion: graderVersion, verdict: verdict,
            score: score, feedback: feedback, mistake: mistake, practice: practice)
        canonical.removeAll()
        canonical.raw("A")
        if version >= 3 {
            canonical.attempt(attempt, signature: signature ?? nil, chain: chain, practice: practice)
        } else if version == 2 {
            canonical.attempt(attempt, signature: signature ?? nil)
        } else {
            canonical.attempt(attempt)
        }
        hashRecord()
        signatures.attempt = signature ?? nil
        signatures.chain = chain
        try visitor.attempt(attempt, index, line)
    }

    /// An attempt's `practice`: null, or `{"family", "tier", "version", "seed"}` with the seed as
    /// 16 hex digits; the spec must name the attempt's exercise id (checked by the importer).
    private func practiceSpec(_ record: RecordName) throws -> PracticeSpec? {
        if try scanner.skipWhitespace() == UInt8(ascii: "n") {
            guard try scanner.readLiteral() == nil else {
                throw Problem.invalidValue(record: "\(record)", field: "practice", expected: "an object or null", line: scanner.line)
            }
            return nil
        }
        var family: String?, tier: Int?, version: Int?, seed: UInt64?
        func invalid(_ field: String, _ expected: String) -> Problem {
            .invalidValue(record: "\(record)", field: "practice.\(field)", expected: expected, line: scanner.line)
        }
        try readObject(record, keys: Self.practiceKeys) { key in
            switch key {
            case 0: family = try name(record, "practice.family")
            case 1:
                guard let value = Int(try scanner.readNumberText()), (1...99).contains(value) else { throw invalid("tier", "an integer from 1 to 99") }
                tier = value
            case 2:
                guard let value = Int(try scanner.readNumberText()), (1...999_999).contains(value) else { throw invalid("version", "a positive integer") }
                version = value
            default:
                guard let value = PracticeSpec.seed(fromText: try name(record, "practice.seed")) else { throw invalid("seed", "16 lower-case hex digits") }
                seed = value
            }
        }
        let line = scanner.line
        guard let family, let tier, let version, let seed else {
            throw Problem.missingField(record: "\(record)", field: "practice (family, tier, version and seed)", line: line)
        }
        return PracticeSpec(family: family, tier: tier, version: version, seed: seed)
    }

    private func readReview(index: Int) throws {
        let record = RecordName(kind: "review", index: index)
        var attemptID: UUID?, reviewer: String?, accepted: Bool?, comment: String?, decidedAt: Date?
        var signer: Data??, signature: Data??
        try readObject(record, keys: version >= 2 ? Self.reviewKeys2 : Self.reviewKeys) { key in
            switch key {
            case 0: attemptID = try uuid(record, "attemptID")
            case 1: reviewer = try text(record, "reviewer")
            case 2:
                let line = scanner.line
                guard let value = try scanner.readLiteral() else {
                    throw Problem.invalidValue(record: "\(record)", field: "accepted", expected: "true or false", line: line)
                }
                accepted = value
            case 3: comment = try text(record, "comment")
            case 4: decidedAt = try timestamp(record, "decidedAt")
            case 5: signer = try base64(record, "signer", bytes: 32)
            default: signature = try base64(record, "signature", bytes: 64)
            }
        }
        let line = scanner.line
        func missing(_ field: String) -> Problem { .missingField(record: "\(record)", field: field, line: line) }
        guard let attemptID else { throw missing("attemptID") }
        guard let reviewer else { throw missing("reviewer") }
        guard let accepted else { throw missing("accepted") }
        guard let comment else { throw missing("comment") }
        guard let decidedAt else { throw missing("decidedAt") }
        if version >= 2 {
            guard signer != nil else { throw missing("signer") }
            guard signature != nil else { throw missing("signature") }
        }
        if checksIdentity {
            guard attemptIDs.contains(attemptID) else { throw Problem.reviewWithoutAttempt(attemptID: attemptID, line: line) }
            guard reviewedIDs.insert(attemptID).inserted else { throw Problem.duplicateReview(attemptID: attemptID, line: line) }
        }
        let review = Review(attemptID: attemptID, reviewer: reviewer, accepted: accepted, comment: comment, decidedAt: decidedAt)
        canonical.removeAll()
        canonical.raw("R")
        if version >= 2 {
            canonical.review(review, signer: signer ?? nil, signature: signature ?? nil)
        } else {
            canonical.review(review)
        }
        hashRecord()
        signatures.reviewSigner = signer ?? nil
        signatures.review = signature ?? nil
        try visitor.review(review, line)
    }

    /// A learner merge; an unsigned one (`null` signer or signature) is read, and refused by the importer.
    private func readMerge(index: Int) throws {
        let record = RecordName(kind: "merge", index: index)
        var mergedID: UUID?, keptID: UUID?, mergedAt: Date?, signer: Data??, signature: Data??
        try readObject(record, keys: Self.mergeKeys) { key in
            switch key {
            case 0: mergedID = try uuid(record, "mergedID")
            case 1: keptID = try uuid(record, "keptID")
            case 2: mergedAt = try timestamp(record, "mergedAt")
            case 3: signer = try base64(record, "signer", bytes: 32)
            default: signature = try base64(record, "signature", bytes: 64)
            }
        }
        let line = scanner.line
        func missing(_ field: String) -> Problem { .missingField(record: "\(record)", field: field, line: line) }
        guard let mergedID else { throw missing("mergedID") }
        guard let keptID else { throw missing("keptID") }
        guard let mergedAt else { throw missing("mergedAt") }
        guard let signer else { throw missing("signer") }
        guard let signature else { throw missing("signature") }
        let merge = LearnerRepository.Merge(mergedID: mergedID, keptID: keptID, mergedAt: mergedAt,
                                            signer: signer, signature: signature)
        canonical.removeAll()
        canonical.raw("M")
        canonical.merge(merge)
        hashRecord()
        try visitor.merge(merge, index, line)
    }

    // MARK: Fields

    private func text(_ record: RecordName, _ field: String) throws(Problem) -> String {
        try string(record, field, limit: BundleFormat.maximumTextBytes)
    }

    private func name(_ record: RecordName, _ field: String) throws(Problem) -> String {
        try string(record, field, limit: BundleFormat.maximumNameBytes)
    }

    private func string(_ record: RecordName, _ field: String, limit: Int) throws(Problem) -> String {
        do {
            return try scanner.readString(limit: limit)
        } catch let .tooLong(_, _, limit, line) {
            throw .tooLong(record: "\(record)", field: field, limit: limit, line: line)
        } catch let .syntax(line, message) where message.hasPrefix("expected a string") {
            throw .invalidValue(record: "\(record)", field: field, expected: "a string", line: line)
        }
    }

    /// A base64 string of exactly `bytes` bytes, or null (the outer nil: the field was absent).
    private func base64(_ record: RecordName, _ field: String, bytes count: Int) throws(Problem) -> Data? {
        let line = scanner.line
        if try scanner.skipWhitespace() == UInt8(ascii: "n") {
            guard try scanner.readLiteral() == nil else {
                throw .invalidValue(record: "\(record)", field: field, expected: "base64 text or null", line: line)
            }
            return nil
        }
        let text = try name(record, field)
        guard let data = Data(base64Encoded: text), data.count == count else {
            throw .invalidValue(record: "\(record)", field: field, expected: "the base64 of \(count) bytes", line: line)
        }
        return data
    }

    private func uuid(_ record: RecordName, _ field: String) throws(Problem) -> UUID {
        let line = scanner.line
        let parsed = try scanner.withStringBytes(limit: BundleFormat.maximumNameBytes) { UUID(hyphenatedASCII: $0) }
        guard let parsed else {
            throw .invalidValue(record: "\(record)", field: field, expected: "a UUID such as 0190F5C2-3B1A-7C3E-9A2B-1D2E3F405162", line: line)
        }
        return parsed
    }

    private func timestamp(_ record: RecordName, _ field: String) throws(Problem) -> Date {
        let line = scanner.line
        var shown = ""
        let milliseconds = try scanner.withStringBytes(limit: BundleFormat.maximumNameBytes) { bytes -> Int64? in
            if let value = BundleTimestamp.parse(bytes) { return value }
            shown = String(decoding: bytes.prefix(40), as: UTF8.self)
            return nil
        }
        guard let milliseconds else { throw .badTimestamp(record: "\(record)", field: field, value: shown, line: line) }
        return Date(millisecondsSince1970: milliseconds)
    }
}

/// Names a record in messages ("attempt 12"), built only when a message needs it.
private struct RecordName: CustomStringConvertible {
    let kind: StaticString
    let index: Int

    var description: String { index == 0 ? "\(kind)" : "\(kind) \(index)" }
}
