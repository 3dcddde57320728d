using Steward.Upf.Rules;

namespace Steward.Upf.Tests;

public class SessionRulesTests
{
    [Fact]
    public void Usage_total_is_uplink_plus_downlink() =>
        Assert.Equal(30UL, new UsageReport(1, UsageReportReason.Immediate, 10, 20, 1, 1, default, default).TotalBytes);
}
