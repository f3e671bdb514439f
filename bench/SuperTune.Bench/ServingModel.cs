using SuperTune.Export;
using SuperTune.Inference;

namespace SuperTune.Bench;

/// <summary>Prepares the exported Banking77 model that the serving benchmark loads.</summary>
public static class ServingModel
{
    /// <summary>
    /// Copies runs/bench-banking77 to runs/bench-serving-model unless the copy exists, and exports model.onnx into
    /// the copy when absent. Returns the copy's path, or null when the trained model is missing.
    /// </summary>
    public static string? Prepare(string repository)
    {
        string trained = Path.Combine(repository, "runs", "bench-banking77");
        string serving = Path.Combine(repository, "runs", "bench-serving-model");
        if (!File.Exists(Path.Combine(trained, "config.json"))) return null;

        if (!Directory.Exists(serving))
        {
            string partial = serving + ".partial";
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
            CopyFolder(trained, partial);
            Directory.Move(partial, serving);
        }

        if (!File.Exists(Path.Combine(serving, OnnxClassifier.ModelFileName)))
        {
            Console.WriteLine($"Exporting {serving} to ONNX...");
            OnnxExporter.Export(serving);
        }

        return serving;
    }

    private static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (string folder in Directory.GetDirectories(source))
        {
            CopyFolder(folder, Path.Combine(destination, Path.GetFileName(folder)));
        }
    }
}
