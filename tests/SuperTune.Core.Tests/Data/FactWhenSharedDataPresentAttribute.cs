namespace SuperTune.Core.Tests.Data;

/// <summary>A fact that is skipped, with the reason shown, when the shared benchmark data folder is absent.</summary>
public sealed class FactWhenSharedDataPresentAttribute : FactAttribute
{
    public FactWhenSharedDataPresentAttribute()
    {
        if (SharedDataFolder.Path is null)
        {
            Skip = $"No shared/data folder found above {AppContext.BaseDirectory}.";
        }
    }
}
