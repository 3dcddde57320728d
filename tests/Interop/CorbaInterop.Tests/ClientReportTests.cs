namespace CorbaInterop.Tests;

public sealed class ClientReportTests
{
    [Fact]
    public void A_run_where_every_case_passed_has_no_problem()
    {
        var report = ClientReport.Parse("ping: passed\nopInt: passed\n2 passed, 0 failed\n");
        Assert.Equal(["ping", "opInt"], report.Passed);
        Assert.Null(report.Problem(exitCode: 0));
    }

    [Fact]
    public void A_failed_case_is_named_in_the_problem()
    {
        var report = ClientReport.Parse("ping: passed\nFAIL opCycle: node 5's next is not node 1\n1 passed, 1 failed\n");
        Assert.Contains("opCycle", report.Problem(exitCode: 1));
    }

    [Fact]
    public void A_client_that_stopped_before_its_summary_has_a_problem()
    {
        var report = ClientReport.Parse("ping: passed\nopInt: passed\n");
        Assert.Contains("no \"N passed, N failed\" summary", report.Problem(exitCode: 134));
    }

    [Fact]
    public void A_summary_that_disagrees_with_the_case_lines_is_a_problem()
    {
        var report = ClientReport.Parse("ping: passed\n3 passed, 0 failed\n");
        Assert.Contains("summary says 3 passed", report.Problem(exitCode: 0));
    }

    [Fact]
    public void A_non_zero_exit_after_all_cases_passed_is_a_problem()
    {
        var report = ClientReport.Parse("ping: passed\n1 passed, 0 failed\n");
        Assert.Contains("exited with 139", report.Problem(exitCode: 139));
    }

    [Fact]
    public void A_run_with_no_cases_is_a_problem()
    {
        Assert.Equal("no case ran", ClientReport.Parse("0 passed, 0 failed\n").Problem(exitCode: 0));
    }

    [Fact]
    public void Case_names_may_contain_spaces_and_colons()
    {
        var report = ClientReport.Parse("opString: long: passed\nFAIL opShape seq: why: more\n1 passed, 1 failed\n");
        Assert.Equal(["opString: long"], report.Passed);
        Assert.Equal(["opShape seq"], report.Failed);
    }
}
