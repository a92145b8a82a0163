import CourseStore
import Foundation
import TestSupport
import Testing

@Suite struct SettingsRepositoryTests {
    @Test func deviceIDIsCreatedOnceAndKept() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("course.db")
        let first = try Store(path: path).settings.deviceID()
        #expect(try Store(path: path).settings.deviceID() == first)
    }

    @Test func currentLearnerIsSetAndCleared() throws {
        let settings = try TestStore().store.settings
        #expect(try settings.currentLearnerHandle() == nil)
        try settings.setCurrentLearnerHandle("ada")
        #expect(try settings.currentLearnerHandle() == "ada")
        try settings.setCurrentLearnerHandle(nil)
        #expect(try settings.currentLearnerHandle() == nil)
    }

    @Test func watermarksArePerPeer() throws {
        let settings = try TestStore().store.settings
        try settings.setWatermark("100", peer: "laptop")
        try settings.setWatermark("7", peer: "usb-stick")
        try settings.setWatermark("120", peer: "laptop")
        #expect(try settings.watermark(peer: "laptop") == "120")
        #expect(try settings.watermark(peer: "nobody") == nil)
        #expect(try settings.watermarks() == ["laptop": "120", "usb-stick": "7"])
    }

    @Test func valuesAreKeyed() throws {
        let settings = try TestStore().store.settings
        try settings.setValue("dark", forKey: "theme")
        #expect(try settings.value(forKey: "theme") == "dark")
        try settings.removeValue(forKey: "theme")
        #expect(try settings.value(forKey: "theme") == nil)
    }
}
