import CourseModels
import CourseStore
import Foundation
import TestSupport
import Testing

@Suite struct MasteryRepositoryTests {
    let test: TestStore
    let ada = Fixtures.learner("ada")
    let bob = Fixtures.learner("bob")
    var mastery: MasteryRepository { test.store.mastery }

    init() throws {
        test = try TestStore()
        try test.store.learners.insert(ada)
        try test.store.learners.insert(bob)
    }

    @Test func upsertReplacesTheState() throws {
        var state = MasteryState(learnerID: ada.id, objectiveID: "chain-rule", pKnown: 0.3, observations: 1, updatedAt: Fixtures.epoch)
        try mastery.upsert(state)
        state.pKnown = 0.6
        state.observations = 2
        try mastery.upsert(state)
        #expect(try mastery.state(learnerID: ada.id, objectiveID: "chain-rule") == state)
        #expect(try mastery.state(learnerID: bob.id, objectiveID: "chain-rule") == nil)
    }

    @Test func readsPerLearnerAndPerObjective() throws {
        let states = [
            MasteryState(learnerID: ada.id, objectiveID: "power-rule", pKnown: 0.9, observations: 4, updatedAt: Fixtures.epoch),
            MasteryState(learnerID: ada.id, objectiveID: "chain-rule", pKnown: 0.5, observations: 2, updatedAt: Fixtures.epoch),
            MasteryState(learnerID: bob.id, objectiveID: "chain-rule", pKnown: 0.1, observations: 1, updatedAt: Fixtures.epoch),
        ]
        try mastery.upsert(contentsOf: states)
        #expect(try mastery.states(learnerID: ada.id).map(\.objectiveID) == ["chain-rule", "power-rule"])
        let chain = try mastery.states(objectiveID: "chain-rule")
        #expect(Set(chain) == Set([states[1], states[2]]))
        #expect(chain.map(\.learnerID) == [ada.id, bob.id])
    }

    @Test func replaceAllSwapsOneLearnersStates() throws {
        try mastery.upsert(MasteryState(learnerID: ada.id, objectiveID: "old", pKnown: 0.5, observations: 1))
        try mastery.upsert(MasteryState(learnerID: bob.id, objectiveID: "old", pKnown: 0.5, observations: 1))
        let fresh = MasteryState(learnerID: ada.id, objectiveID: "new", pKnown: 0.7, observations: 3)
        try mastery.replaceAll(learnerID: ada.id, with: [fresh])
        #expect(try mastery.states(learnerID: ada.id) == [fresh])
        #expect(try mastery.states(learnerID: bob.id).count == 1)
    }
}
