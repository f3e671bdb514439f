namespace SuperTune.Modeling.Tests.Native;

/// <summary>A library file name and the versions needed from it, each with its vna_flags.</summary>
internal sealed record VersionNeed(string File, IReadOnlyList<(string Name, ushort Flags)> Versions);
