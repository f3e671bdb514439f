namespace SuperTune.Cli.Tests;

/// <summary>Runs the <c>supertune</c> command in-process and captures its exit code and both output streams.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = SuperTuneCommand.Run(args, output, error);
        return new Result(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The repository root, found by walking up to SuperTune.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SuperTune.slnx"))) return folder.FullName;
        }

        throw new InvalidOperationException("SuperTune.slnx not found above the test output folder.");
    }
}
