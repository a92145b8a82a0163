import CourseModels
import CourseStore
import Foundation
import Grading
import Practice

/// A practice item as `course practice` shows it: why this objective and tier, and the item in
/// the same form as `course show`.
public struct PracticeView: Hashable, Sendable, Encodable {
    public var item: String
    public var objective: String
    public var objectiveTitle: String
    /// The learner's p(known) of the objective now.
    public var mastery: Double
    public var family: String
    public var familyTitle: String
    public var tier: Int
    public var tierDescription: String
    /// The tier rule's predicted chance of a right first answer at this tier.
    public var predictedSuccess: Double
    public var version: Int
    public var seed: String
    /// True when this is the current item shown again (it has no answer yet).
    public var repeated: Bool
    public var exercise: ExerciseView

    enum CodingKeys: String, CodingKey {
        case item, objective, objectiveTitle = "objective_title", mastery, family, familyTitle = "family_title", tier
        case tierDescription = "tier_description", predictedSuccess = "predicted_success", version, seed, repeated, exercise
    }
}

extension CourseService {
    /// Items whose canonical key a learner is not given again: their last this many.
    public static let practiceMemory = 20
    /// Seeds tried for an item unlike the learner's recent ones before giving up.
    static let practiceSeedTries = 64

    /// The learner's next practice item: the current one again while it has no answer, else a
    /// new one for the weakest unmastered objective that has a practice family (or `objectiveID`),
    /// at the tier `PracticeTierRule` picks, unlike the learner's last `practiceMemory` items.
    /// The item is recorded as the learner's current practice item.
    /// - Throws: `CourseError.notPracticable`, `.practice` or `.storage`.
    public func practice(learner: Learner, objectiveID: String? = nil, now: Date = Date()) throws(CourseError) -> PracticeView {
        try guarded { () throws -> PracticeView in
            let objectives = try store.content.objectives()
            let practicable = objectives.filter { !PracticeFamily.families(for: $0.id).isEmpty }
            let states = Dictionary(try store.mastery.states(learnerID: learner.id).map { ($0.objectiveID, $0) },
                                    uniquingKeysWith: { first, _ in first })
            func pKnown(_ objective: Objective) -> Double { states[objective.id]?.pKnown ?? objective.mastery.pInit }
            let chosen: Objective
            if let objectiveID {
                guard let match = practicable.first(where: { $0.id.lowercased() == objectiveID.lowercased() }) else {
                    throw CourseError.notPracticable(objective: objectiveID, practicable: practicable.map(\.id))
                }
                chosen = match
            } else {
                let unmastered = practicable.filter { !(states[$0.id]?.isMastered($0.mastery) ?? false) }
                // The lowest mastery; ties go to the objective that comes first in the course.
                guard let weakest = (unmastered.isEmpty ? practicable : unmastered).min(by: { pKnown($0) < pKnown($1) }) else {
                    throw CourseError.notPracticable(objective: "", practicable: [])
                }
                chosen = weakest
            }

            let recent = try store.practice.recent(learnerID: learner.id, limit: Self.practiceMemory)
            let attempts = try store.attempts.attempts(learnerID: learner.id)
            if let current = recent.first, objectiveID == nil || current.objectiveID == chosen.id,
               !attempts.contains(where: { $0.exerciseID == current.exerciseID }) {
                // Shown, not graded, and not answered yet: no key is needed.
                let item = try Self.practiceItem(current.spec, encodingKey: false)
                return try practiceView(item, learner: learner, objective: objectives.first { $0.id == current.objectiveID } ?? chosen,
                                        pKnown: pKnown(chosen), attempts: attempts, repeated: true)
            }

            let families = PracticeFamily.families(for: chosen.id)
            let issued = try store.practice.count(learnerID: learner.id)
            let family = families[issued % families.count]
            let tier = PracticeTierRule.tier(pKnown: pKnown(chosen), parameters: chosen.mastery,
                                             records: Self.tierRecords(attempts, family: family))
            let avoid = Set(recent.map(\.canonicalKey))
            var item: PracticeItem?
            for attempt in 0..<Self.practiceSeedTries {
                let candidate = try Self.practiceItem(PracticeSpec(
                    family: family.rawValue, tier: tier, version: PracticeGenerator.version,
                    seed: Self.seed(learner.id, issued: issued, attempt: attempt)), encodingKey: false)
                if !avoid.contains(candidate.canonicalKey) {
                    item = candidate
                    break
                }
            }
            guard let item else {
                throw CourseError.practice("No practice item unlike your last \(Self.practiceMemory) could be drawn for \(chosen.id); answer one of them first.")
            }
            // Lost in a crash, the record is issued again identically (the seed follows from the
            // count of items issued), so it is written without waiting for the disk.
            try store.transactionWithoutSync {
                try store.practice.record(
                    PracticeRepository.Issued(exerciseID: item.exercise.id, spec: item.spec, objectiveID: chosen.id,
                                              canonicalKey: item.canonicalKey, issuedAt: now),
                    learnerID: learner.id)
            }
            return try practiceView(item, learner: learner, objective: chosen, pKnown: pKnown(chosen), attempts: attempts,
                                    repeated: false)
        }
    }

    private func practiceView(
        _ item: PracticeItem, learner: Learner, objective: Objective, pKnown: Double, attempts: [Attempt], repeated: Bool
    ) throws -> PracticeView {
        let records = Self.tierRecords(attempts, family: item.family)
        let predicted = PracticeTierRule.predictedSuccess(
            tier: item.spec.tier, pKnown: pKnown, parameters: objective.mastery, record: records[item.spec.tier])
        return PracticeView(
            item: item.exercise.id, objective: objective.id, objectiveTitle: objective.title, mastery: pKnown,
            family: item.family.rawValue, familyTitle: item.family.title, tier: item.spec.tier,
            tierDescription: item.family.tierDescription(item.spec.tier), predictedSuccess: predicted,
            version: item.spec.version, seed: item.spec.seedText, repeated: repeated,
            exercise: try exerciseView(learner: learner, exercise: item.exercise))
    }

    /// The seed of a learner's `issued`-th item, `attempt`-th try: FNV-1a of the three, so the
    /// items a learner gets are reproducible (and differ between learners).
    static func seed(_ learnerID: UUID, issued: Int, attempt: Int) -> UInt64 {
        PracticeSpec.hash("\(learnerID.uuidString)/\(issued)/\(attempt)")
    }

    /// Per tier of `family`: the learner's items tried and those whose first graded answer was right.
    static func tierRecords(_ attempts: [Attempt], family: PracticeFamily) -> [Int: PracticeTierRule.Record] {
        var first: [String: (tier: Int, right: Bool)] = [:]
        for attempt in MasteryModel.ordered(attempts) {
            guard let spec = attempt.practice, spec.family == family.rawValue, first[attempt.exerciseID] == nil,
                  attempt.verdict == .correct || attempt.verdict == .incorrect else { continue }
            first[attempt.exerciseID] = (spec.tier, attempt.verdict == .correct)
        }
        var records: [Int: PracticeTierRule.Record] = [:]
        for (tier, right) in first.values {
            records[tier, default: .init(right: 0, tried: 0)].tried += 1
            if right { records[tier, default: .init(right: 0, tried: 0)].right += 1 }
        }
        return records
    }

    /// The item a spec names.
    /// - Throws: `CourseError.practice` when this program cannot build it.
    static func practiceItem(_ spec: PracticeSpec, encodingKey: Bool = true) throws(CourseError) -> PracticeItem {
        do {
            return try PracticeGenerator.item(spec, encodingKey: encodingKey)
        } catch {
            throw .practice(error.description)
        }
    }

    /// The practice exercise a reference names: `practice` (the learner's current item) or a
    /// practice id (`p-` and 12 hex digits) issued or answered here; nil for any other reference.
    /// - Throws: `CourseError.noPracticeItem`, `.unknownPracticeItem`, `.practice` or a storage error.
    func practiceExercise(_ reference: String, learner: Learner?) throws -> Exercise? {
        let lowered = reference.lowercased()
        if lowered == "practice", let learner {
            guard let current = try store.practice.recent(learnerID: learner.id, limit: 1).first else {
                throw CourseError.noPracticeItem
            }
            return try Self.practiceItem(current.spec).exercise
        }
        guard PracticeSpec.isPracticeID(lowered) else { return nil }
        guard let spec = try store.practice.spec(exerciseID: lowered) ?? store.attempts.practiceSpec(exerciseID: lowered) else {
            throw CourseError.unknownPracticeItem(reference)
        }
        return try Self.practiceItem(spec).exercise
    }

    /// The practice exercises `attempts` answer, each rebuilt once from its spec; an attempt whose
    /// spec does not match its exercise id, or that this program cannot build, is left out (its
    /// exercise is then unknown here, like an exercise missing from the content).
    public static func practiceExercises(in attempts: [Attempt]) -> [Exercise] {
        practiceExercises(for: attempts.compactMap { attempt in
            attempt.practice.flatMap { $0.exerciseID == attempt.exerciseID ? $0 : nil }
        })
    }

    /// The exercises of `specs`, each once, in order; specs this program cannot build are left out.
    public static func practiceExercises(for specs: [PracticeSpec]) -> [Exercise] {
        var seen: Set<PracticeSpec> = []
        return specs.compactMap { spec in
            guard seen.insert(spec).inserted else { return nil }
            return try? PracticeGenerator.item(spec).exercise
        }
    }
}
