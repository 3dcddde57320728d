using System.Text.RegularExpressions;

namespace Steward.Interop;

/// <summary>
/// What an interop client printed: one "<c>case</c>: passed" or "FAIL <c>case</c>: why" line per case, then
/// "N passed, N failed". Every interop client (ZeroC's, omniORB's, Steward's) prints this format.
/// </summary>
internal sealed partial record ClientReport(IReadOnlyList<string> Passed, IReadOnlyList<string> Failed, int? SummaryPassed, int? SummaryFailed)
{
    public static ClientReport Parse(string output)
    {
        var passed = new List<string>();
        var failed = new List<string>();
        int? summaryPassed = null;
        int? summaryFailed = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (SummaryLine().Match(line) is { Success: true } summary)
            {
                summaryPassed = int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                summaryFailed = int.Parse(summary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (FailLine().Match(line) is { Success: true } fail)
            {
                failed.Add(fail.Groups[1].Value);
            }
            else if (PassLine().Match(line) is { Success: true } pass)
            {
                passed.Add(pass.Groups[1].Value);
            }
        }
        return new ClientReport(passed, failed, summaryPassed, summaryFailed);
    }

    /// <summary>Null when the run passed; otherwise why not, in one line.</summary>
    public string? Problem(int exitCode)
    {
        if (SummaryPassed is null)
        {
            return "the client printed no \"N passed, N failed\" summary (it crashed or hung)";
        }
        if (Failed.Count > 0 || SummaryFailed != 0)
        {
            return $"{SummaryFailed} failed: {string.Join(", ", Failed)}";
        }
        if (SummaryPassed != Passed.Count)
        {
            return $"the summary says {SummaryPassed} passed but {Passed.Count} cases printed \"passed\"";
        }
        if (Passed.Count == 0)
        {
            return "no case ran";
        }
        return exitCode != 0 ? $"every case passed but the client exited with {exitCode}" : null;
    }

    [GeneratedRegex(@"^(\d+) passed, (\d+) failed$")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"^FAIL (.+?): ")]
    private static partial Regex FailLine();

    [GeneratedRegex(@"^(.+): passed$")]
    private static partial Regex PassLine();
}
