using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Fuzzing;

/// <summary>The check shared by the reader harnesses: a file is read, or fails with an error that names it.</summary>
public static class ReaderOutcome
{
    /// <summary>
    /// Runs <paramref name="read"/> on the file at <paramref name="path"/>, which it checks when the read succeeds.
    /// A <see cref="DataException"/> must be located in the file at line 1 or later, and a
    /// <see cref="SuperTuneException"/> must name the file. Any other exception fails the case. The file is
    /// deleted afterwards.
    /// </summary>
    public static void ReadOrFail(string path, Action read)
    {
        try
        {
            read();
        }
        catch (DataException error)
        {
            Assert.Equal(path, error.File);
            Assert.True(error.Line >= 1, $"Line {error.Line} in: {error.Message}");
            Assert.StartsWith(path + ":", error.Message);
        }
        catch (SuperTuneException error)
        {
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
