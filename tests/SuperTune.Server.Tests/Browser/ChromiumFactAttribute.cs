namespace SuperTune.Server.Tests.Browser;

/// <summary>
/// A fact that needs Debian's chromium. It is skipped, with the reason, only outside CI (CI is not "true") when
/// the browser is absent, so CI always runs it and fails if .ci/run did not install the browser.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!inCi && !File.Exists(HeadlessChromium.ExecutablePath))
        {
            Skip = $"{HeadlessChromium.ExecutablePath} is missing; install it with `apt-get install -y chromium` " +
                   "to run the browser test (CI installs it and never skips).";
        }
    }
}
