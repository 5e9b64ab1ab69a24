import Glibc
@testable import HTTP
import Testing

@Suite struct DescriptorLimitTests {
    @Test func theCapFitsUnderTheLimitWithItsMargin() {
        let margin = DescriptorLimit.margin
        #expect(DescriptorLimit.connectionCap(maxConnections: 10_000, limit: 1_048_576, inUse: 20) == 10_000)
        #expect(DescriptorLimit.connectionCap(maxConnections: 10_000, limit: 1024, inUse: 20) == 1024 - 20 - margin)
        #expect(DescriptorLimit.connectionCap(maxConnections: 10_000, limit: 40, inUse: 20) == 1)
        #expect(DescriptorLimit.connectionCap(maxConnections: 10_000, limit: Int.max, inUse: 20) == 10_000)
    }

    @Test func theSoftLimitIsRaisedToTheHardOne() {
        let soft = DescriptorLimit.raiseSoftLimit()
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        #expect(soft == Int(clamping: limit.rlim_max))
        #expect(limit.rlim_cur == limit.rlim_max)
    }
}
