namespace SuperTune.Modeling.Tests.Native;

/// <summary>Bytes of a built ELF image and the file offset of its .gnu.version_r section (-1 when absent).</summary>
internal sealed record TestElfImage(byte[] Bytes, long VersionNeedOffset);
