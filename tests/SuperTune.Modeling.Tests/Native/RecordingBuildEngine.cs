using Microsoft.Build.Framework;

namespace SuperTune.Modeling.Tests.Native;

/// <summary>An MSBuild engine stand-in that records the messages, warnings and errors a task logs.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine
{
    public List<string> Messages { get; } = [];

    public List<string> Warnings { get; } = [];

    public List<string> Errors { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.proj";

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e.Message ?? string.Empty);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e.Message ?? string.Empty);

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e.Message ?? string.Empty);

    public void LogCustomEvent(CustomBuildEventArgs e) => Messages.Add(e.Message ?? string.Empty);

    public bool BuildProjectFile(
        string projectFileName, string[] targetNames, System.Collections.IDictionary globalProperties,
        System.Collections.IDictionary targetOutputs) =>
        throw new NotSupportedException("The task under test builds no projects.");
}
