import CourseModels
import Foundation
import Synchronization
import Grading

/// Which attempts in a learner's log repeat an earlier answer to the same part: the one rule
/// for "already answered", used by `submit` (a repeat typed here is reported and not stored)
/// and by the mastery replay (a repeat that arrived by sync, typed on another machine before
/// the two logs met, is stored but not evidence).
///
/// It reads only the log and the part keys, compares each attempt with those before it in
/// replay order (submitted-at, then id), and asks the engine, which picks its sample points
/// from the two answers alone: two machines holding the same attempts find the same repeats.
///
/// The engine's answers are remembered per (part, two texts): a class, or a sync import's
/// replay, types the same few wrong answers thousands of times.
struct RepeatedAnswers {
    let regrader: Regrader
    let grader: PartGrader
    private let memo = Memo()

    init(exercises: [Exercise], grader: PartGrader = PartGrader()) {
        regrader = Regrader(exercises: exercises, grader: grader)
        self.grader = grader
    }

    init(regrader: Regrader, grader: PartGrader) {
        self.regrader = regrader
        self.grader = grader
    }

    /// Engine verdicts already asked for, dropped when it holds `limit` of them.
    private final class Memo {
        static let limit = 100_000
        /// How many unknown verdicts are asked for at once, spread over the cores: a distinct
        /// wrong answer is compared with every earlier one, while a repeat found early wastes at
        /// most this many less one.
        static let chunk = 2 * ParallelWork.workers
        /// Replays of several learners run side by side and share what was asked.
        private let same = Mutex<[[String]: Bool]>([:])

        /// The index of the first of `earlier` (answer texts, in order) that `judge` finds the
        /// same answer, asking the engine only for pairs not remembered; `context` (part and
        /// answer) with an earlier answer names a pair.
        func first(of earlier: [String], in context: [String], judge: @escaping @Sendable (Int) -> Bool) -> Int? {
            var pending: [Int] = []
            /// Asks for the pending verdicts; the first pending answer found the same, if any.
            func settle() -> Int? {
                defer { pending.removeAll(keepingCapacity: true) }
                let asked = pending
                let verdicts = ParallelWork.map(count: asked.count) { judge(asked[$0]) }
                same.withLock { same in
                    for (index, verdict) in zip(asked, verdicts) {
                        if same.count >= Self.limit { same.removeAll(keepingCapacity: false) }
                        same[context + [earlier[index]]] = verdict
                    }
                }
                return zip(asked, verdicts).first { $0.1 }.map(\.0)
            }
            for index in earlier.indices {
                if let known = same.withLock({ $0[context + [earlier[index]]] }) {
                    guard known else { continue }
                    return settle() ?? index
                }
                pending.append(index)
                if pending.count >= Self.chunk, let found = settle() { return found }
            }
            return settle()
        }
    }

    /// Compiles the keys of the parts `attempts` answered, before replays that share this
    /// tracker's regrader run side by side (they then only read its keys).
    func compileKeys(for attempts: [Attempt]) {
        var seen: Set<String> = []
        for attempt in attempts where seen.insert(attempt.exerciseID + "\u{0}" + attempt.part).inserted {
            _ = regrader.key(exerciseID: attempt.exerciseID, part: attempt.part)
        }
    }

    /// An earlier attempt at a part as later ones are compared with it: its text as compared
    /// (`Tracker.comparable`) worked out once, and its reading for the engine
    /// (`PartGrader.comparable`) once it has been needed, instead of both again for every
    /// later attempt.
    struct Earlier {
        var attempt: Attempt
        let text: String
        var reading: ComparableAnswer?

        init(_ attempt: Attempt, reading: ComparableAnswer? = nil) {
            self.attempt = attempt
            text = Tracker.comparable(attempt.answer, verdict: attempt.verdict)
            self.reading = reading
        }
    }

    /// The ids of the attempts of one learner's log that repeat an earlier attempt.
    func repeats(in attempts: [Attempt]) -> Set<UUID> {
        var tracker = tracker()
        var found: Set<UUID> = []
        for attempt in MasteryModel.ordered(attempts) where tracker.isRepeat(attempt) {
            found.insert(attempt.id)
        }
        return found
    }

    /// A tracker for a log streamed in replay order (what the streaming replay uses).
    func tracker() -> Tracker { Tracker(owner: self) }

    /// Decides repeats one attempt at a time, in replay order. It keeps, per part, what a later
    /// attempt is compared with: the earlier attempts, with long answers that are only ever
    /// compared as text (a proof waiting for review, a syntax error, a right answer) reduced to
    /// a digest of that text, so that memory follows the answers the engine compares, not the
    /// proofs.
    struct Tracker {
        let owner: RepeatedAnswers
        private var earlier: [String: [Earlier]] = [:]

        init(owner: RepeatedAnswers) { self.owner = owner }

        /// `attempt` as the tracker keeps it: the answer as compared (a digest when it is long
        /// and never compared by the engine), no feedback. Showing the tracker this instead of the
        /// attempt decides the same.
        static func kept(_ attempt: Attempt) -> Attempt {
            var kept = attempt
            kept.answer = comparable(attempt.answer, verdict: attempt.verdict, squeezing: false)
            kept.feedback = ""
            return kept
        }

        /// Whether `attempt` repeats an earlier one; then remembers it.
        mutating func isRepeat(_ attempt: Attempt) -> Bool {
            let slot = attempt.exerciseID + "\u{0}" + attempt.part
            // Taken out while it changes, so that appending does not copy it.
            var atPart = earlier.removeValue(forKey: slot) ?? []
            var reading: ComparableAnswer?
            let found = owner.repeated(attempt.answer, verdict: attempt.verdict, among: &atPart,
                                       exerciseID: attempt.exerciseID, part: attempt.part, reading: &reading) != nil
            atPart.append(Earlier(Self.kept(attempt), reading: reading))
            earlier[slot] = atPart
            return found
        }

        /// What an answer is compared by as text: up to spacing, and as a digest when it is
        /// long and the engine never compares it (any verdict but incorrect).
        static func comparable(_ answer: String, verdict: Verdict, squeezing: Bool = true) -> String {
            if answer.hasPrefix(marker) { return answer }
            if verdict != .incorrect && answer.utf8.count > 1024 { return digest(answer) }
            return squeezing ? answer.squeezingWhitespace : answer
        }

        static let marker = "\u{0}digest "

        /// A digest of the text up to spacing, marked so that no typed answer equals it. It lives
        /// only in this process's memory (the tracker's and submit's comparisons), so the
        /// standard library's hasher serves; its length is kept too.
        static func digest(_ text: String) -> String {
            let squeezed = text.squeezingWhitespace
            var hasher = Hasher()
            hasher.combine(squeezed)
            return marker + String(UInt(bitPattern: hasher.finalize()), radix: 16) + " " + String(squeezed.utf8.count)
        }
    }

    /// Per part, the first attempt that is an observation and not a repeat: what decides whether
    /// an exercise has given evidence for an objective, as the replay decides it. Cheap, unlike
    /// `repeats(in:)`: an attempt before it with the same verdict cannot be an observation
    /// (an earlier right or wrong answer would come first), so the engine is not asked.
    func firstEvidence(in attempts: [Attempt], reviews: [UUID: Review] = [:]) -> [Attempt] {
        let ordered = MasteryModel.ordered(attempts)
        var found: [String: Attempt] = [:]
        var earlier: [String: [Earlier]] = [:]
        for attempt in ordered {
            let slot = attempt.exerciseID + "\u{0}" + attempt.part
            var reading: ComparableAnswer?
            defer { earlier[slot, default: []].append(Earlier(attempt, reading: reading)) }
            guard found[slot] == nil, MasteryModel.outcome(of: attempt, review: reviews[attempt.id]) != nil,
                  repeated(attempt.answer, verdict: attempt.verdict, among: &earlier[slot, default: []],
                           exerciseID: attempt.exerciseID, part: attempt.part, reading: &reading) == nil else { continue }
            found[slot] = attempt
        }
        return MasteryModel.ordered(Array(found.values))
    }

    /// The earlier attempt at the part that `answer` (graded `verdict`) repeats, if any: one with
    /// the same verdict that the engine finds the same answer on the part's domain (any right
    /// answer repeats an earlier right one, since both equal the key). Syntax errors
    /// and answers waiting for review repeat only as the same text up to spacing.
    func repeated(_ answer: String, verdict: Verdict, earlier: [Attempt], exerciseID: String, part: String) -> Attempt? {
        var entries = earlier.map { Earlier($0) }
        var reading: ComparableAnswer?
        return repeated(answer, verdict: verdict, among: &entries, exerciseID: exerciseID, part: part, reading: &reading)
    }

    /// `repeated` against earlier attempts kept as `Earlier`: the readings it works out stay with
    /// them, and `reading` receives this answer's own when it was needed.
    func repeated(
        _ answer: String, verdict: Verdict, among earlier: inout [Earlier], exerciseID: String, part: String,
        reading: inout ComparableAnswer?
    ) -> Attempt? {
        let text = Tracker.comparable(answer, verdict: verdict)
        let candidates = earlier.indices.filter { earlier[$0].attempt.verdict == verdict }
        if let same = candidates.first(where: { earlier[$0].text == text }) { return earlier[same].attempt }
        switch verdict {
        case .correct:
            return candidates.first.map { earlier[$0].attempt }
        case .incorrect:
            guard let key = regrader.key(exerciseID: exerciseID, part: part) else { return nil }
            let grader = self.grader
            let mine = reading ?? grader.comparable(answer, key: key)
            reading = mine
            // The same text up to spacing is asked about once, and read once: equal texts have
            // equal readings, so an earlier entry without one takes that of an entry with its
            // text read in this call (a learner who retypes one wrong answer ten times leaves
            // ten entries of one text). Entries keep their readings, so the texts are looked up
            // only for entries not read before: a replay asks about each of a learner's wrong
            // answers in turn, and hashing every earlier text each time would grow as the square.
            // An earlier answer whose profile certainly differs from this one's is not the same
            // answer (the engine would say so too), so only the others are asked about.
            var read: [String: ComparableAnswer] = [:]
            var tried: Set<String> = []
            var asked: [Int] = []
            var readings: [ComparableAnswer] = []
            for index in candidates {
                let theirs: ComparableAnswer
                if let known = earlier[index].reading {
                    theirs = known
                } else if let same = read[earlier[index].text] {
                    theirs = same
                } else {
                    theirs = grader.comparable(earlier[index].attempt.answer, key: key)
                    read[earlier[index].text] = theirs
                }
                earlier[index].reading = theirs
                guard !mine.certainlyDiffers(from: theirs), tried.insert(earlier[index].text).inserted else { continue }
                asked.append(index)
                readings.append(theirs)
            }
            let found = memo.first(of: asked.map { earlier[$0].attempt.answer }, in: [exerciseID, part, answer]) { [readings] in
                grader.sameAnswer(mine, readings[$0], key: key)
            }
            return found.map { earlier[asked[$0]].attempt }
        case .syntaxError, .pendingReview:
            return nil
        }
    }
}
