@testable import CourseService
import Foundation
import Testing

/// How many threads the pure work of imports and replays is spread over.
struct ParallelWorkTests {
    @Test func theCoresAreThoseThisProcessMayUse() {
        let cores = ParallelWork.availableCores()
        #expect(cores >= 1 && cores <= ProcessInfo.processInfo.processorCount)
    }

    @Test func theAffinityListIsCounted() {
        let status = { (list: String) in { (path: String) in path == "/proc/self/status" ? "Name:\tcourse\nCpus_allowed_list:\t\(list)\nMems_allowed:\t1\n" : nil } }
        #expect(ParallelWork.allowedCPUs(read: status("0-1")) == 2)
        #expect(ParallelWork.allowedCPUs(read: status("0-3,8,10-11")) == 7)
        #expect(ParallelWork.allowedCPUs(read: status("5")) == 1)
        #expect(ParallelWork.allowedCPUs(read: status("3-1")) == nil)
        #expect(ParallelWork.allowedCPUs(read: { _ in "Name:\tcourse\n" }) == nil)
    }

    @Test func aCgroupQuotaLimitsTheCoresRoundedUp() {
        let v2 = { (text: String) in { (path: String) in path == "/sys/fs/cgroup/cpu.max" ? text : nil } }
        #expect(ParallelWork.cgroupQuota(read: v2("200000 100000\n")) == 2)
        #expect(ParallelWork.cgroupQuota(read: v2("150000 100000")) == 2)
        #expect(ParallelWork.cgroupQuota(read: v2("50000 100000")) == 1)
        #expect(ParallelWork.cgroupQuota(read: v2("max 100000")) == nil)
        #expect(ParallelWork.cgroupQuota(read: v2("garbage")) == nil)
        let v1 = { (quota: String) in
            { (path: String) -> String? in
                switch path {
                case "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": quota
                case "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n"
                default: nil
                }
            }
        }
        #expect(ParallelWork.cgroupQuota(read: v1("300000\n")) == 3)
        #expect(ParallelWork.cgroupQuota(read: v1("-1\n")) == nil)
        #expect(ParallelWork.cgroupQuota(read: { _ in nil }) == nil)
    }
}
