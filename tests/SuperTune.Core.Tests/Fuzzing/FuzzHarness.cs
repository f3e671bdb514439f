using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace SuperTune.Core.Tests.Fuzzing;

/// <summary>
/// Runs a fuzz harness as an FsCheck property: a bounded number of generated cases, each of which must finish
/// within <see cref="CaseTimeLimit"/>. The test suite runs the default count of each harness, and
/// <c>scripts/fuzz.sh</c> multiplies it by <see cref="ScaleVariable"/>.
/// </summary>
public static class FuzzHarness
{
    /// <summary>Environment variable with a whole-number factor for every harness's case count (default 1).</summary>
    public const string ScaleVariable = "SUPERTUNE_FUZZ_SCALE";

    /// <summary>Environment variable naming a file that receives one line per finished harness.</summary>
    public const string LogVariable = "SUPERTUNE_FUZZ_LOG";

    /// <summary>Maximum time for one case. A case that takes longer fails the harness as a hang.</summary>
    public static readonly TimeSpan CaseTimeLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Checks <paramref name="body"/> on <paramref name="defaultCases"/> times the scale of generated values.
    /// The body throws (an assertion, or an exception that the code under test should not raise) to fail.
    /// </summary>
    public static void Run<T>(string harness, Gen<T> cases, Action<T> body, int defaultCases,
        ITestOutputHelper? output = null)
    {
        int count = defaultCases * Scale();
        int passed = 0;
        var clock = Stopwatch.StartNew();

        Property property = Prop.ForAll(Arb.From(cases), value =>
        {
            RunBounded(value, body);
            Interlocked.Increment(ref passed);
        });
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true));

        string line = string.Create(CultureInfo.InvariantCulture,
            $"fuzz {harness}: {passed} cases passed in {clock.Elapsed.TotalSeconds:F1} s");
        output?.WriteLine(line);
        string? log = Environment.GetEnvironmentVariable(LogVariable);
        if (!string.IsNullOrEmpty(log))
        {
            File.AppendAllText(log, line + "\n");
        }
    }

    private static void RunBounded<T>(T value, Action<T> body)
    {
        // A hang cannot be interrupted, so the case runs on a pool thread and the harness stops waiting for it.
        Task task = Task.Run(() => body(value));
        if (Task.WhenAny(task, Task.Delay(CaseTimeLimit)).GetAwaiter().GetResult() != task)
        {
            throw new TimeoutException($"The case did not finish within {CaseTimeLimit.TotalSeconds} s.");
        }

        task.GetAwaiter().GetResult();
    }

    private static int Scale()
    {
        string? text = Environment.GetEnvironmentVariable(ScaleVariable);
        if (string.IsNullOrEmpty(text))
        {
            return 1;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int scale) && scale >= 1
            ? scale
            : throw new InvalidOperationException($"{ScaleVariable} is \"{text}\". Set a whole number of at least 1.");
    }
}
